package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.pageapp.PageApplication;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load of {@code PageApplication} and what its trees say: whose work each sample is,
 * told by the work frames on its stack, as a signature {@code route,tenant,phase} such as
 * {@code alpha,one,model}.
 */
final class PageTagging {

	static final String[] ROUTES = { "alpha", "beta" };

	static final String[] TENANTS = { "one", "two" };

	static final String[] PHASES = { "model", "view" };

	/** The parts of a signature. */
	static final int ROUTE = 0;

	static final int TENANT = 1;

	static final int PHASE = 2;

	private static final String WORK = PageApplication.Work.class.getName() + ".";

	private static final Set<String> SIGNATURE_FRAMES = Set.of("alpha", "beta", "tenantOne", "tenantTwo", "model",
			"view");

	private PageTagging() {
	}

	/**
	 * Weight per signature of the work frames on a sample's stack; samples under no work
	 * frame are left out.
	 */
	static Map<String, Long> workBySignature(JsonNode tree) {
		Map<String, Long> weights = new HashMap<>();
		collect(tree.get("root"), new ArrayList<>(), weights);
		return weights;
	}

	/** The weight of the signatures whose {@code part} is {@code value}. */
	static long weightOf(Map<String, Long> work, int part, String value) {
		return work.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().split(",")[part].equals(value))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/** The weight of the signatures whose {@code part} is not {@code value}. */
	static long weightOfOthers(Map<String, Long> work, int part, String value) {
		return work.values().stream().mapToLong(Long::longValue).sum() - weightOf(work, part, value);
	}

	private static void collect(JsonNode node, List<String> path, Map<String, Long> weights) {
		String name = node.get("name").asString();
		boolean work = name.startsWith(WORK) && SIGNATURE_FRAMES.contains(name.substring(WORK.length()));
		if (work) {
			path.add(name.substring(WORK.length()).replace("tenantOne", "one").replace("tenantTwo", "two"));
		}
		long own = node.get("own").asLong();
		if (own > 0 && path.size() == 3) {
			weights.merge(String.join(",", path), own, Long::sum);
		}
		for (JsonNode child : node.get("children")) {
			collect(child, path, weights);
		}
		if (work) {
			path.remove(path.size() - 1);
		}
	}

	static Set<String> framesNamed(JsonNode node, String part, Set<String> found) {
		if (node.get("name").asString().contains(part)) {
			found.add(node.get("name").asString());
		}
		node.get("children").forEach((child) -> framesNamed(child, part, found));
		return found;
	}

	/**
	 * {@code requests} page requests over both routes and tenants, from {@code clients}
	 * threads; route {@code i} asks for {@code times[i]} times the work of one.
	 */
	static void load(String base, int clients, int requests, int... times) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		Queue<String> failures = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < requests; i++) {
			String route = ROUTES[i % 2];
			String path = "/" + route + "/" + times[i % 2];
			String tenant = TENANTS[(i / 2) % 2];
			pool.execute(() -> {
				try {
					HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
						.header(PageApplication.TENANT_HEADER, tenant)
						.timeout(Duration.ofSeconds(30))
						.GET()
						.build();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200 || !response.body().startsWith("hello " + path)) {
						failures.add(path + " answered " + response.statusCode() + ": " + response.body());
					}
				}
				catch (Exception ex) {
					failures.add(path + " failed: " + ex);
				}
			});
		}
		pool.shutdown();
		if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
			pool.shutdownNow();
			throw new AssertionError("the page load did not finish within two minutes");
		}
		assertThat(failures).isEmpty();
	}

}
