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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tag right on virtual threads with the sampler {@code auto} picks: a page's work
 * runs partly in a {@code @ModelAttribute} method and partly in a view rendered after the
 * handler returned, each part in a user scope, for two routes and two tenants
 * ({@code X-Tenant}, a header tag) interleaved on the same carriers. Each sample of a
 * (route, tenant, phase) must carry that route, tenant and phase. async-profiler sees
 * only the carriers, so {@code auto} must not pick it here, and the status must say why.
 * Runs on a JDK 21+ only (the build runs it on {@code virtual-threads.jdk}).
 */
@DirtiesContext
@SpringBootTest(classes = PageApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.interval=5ms", "management.profiling.tags.headers=X-Tenant",
				"spring.threads.virtual.enabled=true" })
class VirtualThreadPageTaggingTests {

	private static final String WORK = PageApplication.Work.class.getName() + ".";

	private static final String[] ROUTES = { "alpha", "beta" };

	private static final String[] TENANTS = { "one", "two" };

	private static final String[] PHASES = { "model", "view" };

	private static final java.util.Set<String> SIGNATURE_FRAMES = java.util.Set.of("alpha", "beta", "tenantOne",
			"tenantTwo", "model", "view");

	@LocalServerPort
	int port;

	@BeforeAll
	static void needsVirtualThreads() {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
	}

	@Test
	void autoPicksASamplerThatSeesVirtualThreadsAndEverySampleCarriesItsRequestsTags() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		JsonNode status = client.getJson(client.profiling(""));
		assertThat(status.get("sampler").asString()).isEqualTo("jfr");
		assertThat(status.get("state").asString()).isEqualTo("running");
		assertThat(status.get("samplers").get("async").get("reason").asString())
			.startsWith("not chosen by auto: requests run on virtual threads (spring.threads.virtual.enabled=true)");

		load(client.base(), 4, 80);

		// What each (route, tenant, phase) did, whatever its tags, once the samples
		// arrived.
		Map<String, Long> all = new HashMap<>();
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			all = workBySignature(client.getJson(client.profiling("/tree")));
			if (ROUTES.length * TENANTS.length * PHASES.length == all.size()
					&& all.values().stream().allMatch((weight) -> weight >= 20)) {
				break;
			}
			Thread.sleep(500);
		}
		JsonNode tree = client.getJson(client.profiling("/tree"));
		assertThat(all)
			.as("samples of each route, tenant and phase: %s; %d samples, work frames %s", all,
					tree.get("samples").asLong(), framesNamed(tree.get("root"), "Work", new java.util.TreeSet<>()))
			.hasSize(ROUTES.length * TENANTS.length * PHASES.length);
		// Samples stop arriving a second or two after the load: read the last ones too.
		Thread.sleep(2_500);
		all = workBySignature(client.getJson(client.profiling("/tree")));
		for (String route : ROUTES) {
			for (String tenant : TENANTS) {
				for (String phase : PHASES) {
					String signature = route + "," + tenant + "," + phase;
					String filter = "http.route:/" + route + "/{n},x-tenant:" + tenant + ",phase:" + phase;
					Map<String, Long> tagged = workBySignature(
							client.getJson(client.profiling("/tree?tag=" + encode(filter))));
					long own = tagged.getOrDefault(signature, 0L);
					long others = tagged.values().stream().mapToLong(Long::longValue).sum() - own;
					long total = all.getOrDefault(signature, 0L);
					assertThat(total).as("samples of %s", signature).isGreaterThanOrEqualTo(20);
					assertThat(own).as("samples of %s tagged %s, of %d; all: %s", signature, filter, total, all)
						.isGreaterThanOrEqualTo(total * 85 / 100);
					assertThat(others).as("other work tagged %s: %s", filter, tagged)
						.isLessThanOrEqualTo((own + others) * 3 / 100);
				}
			}
		}
	}

	/**
	 * Weight per (route, tenant, phase) of the work frames on a sample's stack, as
	 * {@code alpha,one,model}; samples under no work frame are left out.
	 */
	private static Map<String, Long> workBySignature(JsonNode tree) {
		Map<String, Long> weights = new HashMap<>();
		collect(tree.get("root"), new ArrayList<>(), weights);
		return weights;
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

	private static java.util.Set<String> framesNamed(JsonNode node, String part, java.util.Set<String> found) {
		if (node.get("name").asString().contains(part)) {
			found.add(node.get("name").asString());
		}
		node.get("children").forEach((child) -> framesNamed(child, part, found));
		return found;
	}

	/**
	 * {@code requests} page requests over both routes and tenants, from {@code clients}
	 * threads.
	 */
	private static void load(String base, int clients, int requests) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		Queue<String> failures = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < requests; i++) {
			String route = ROUTES[i % 2];
			String tenant = TENANTS[(i / 2) % 2];
			pool.execute(() -> {
				try {
					HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + route + "/1"))
						.header(PageApplication.TENANT_HEADER, tenant)
						.timeout(Duration.ofSeconds(30))
						.GET()
						.build();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200 || !response.body().startsWith("hello /" + route)) {
						failures.add(route + " answered " + response.statusCode() + ": " + response.body());
					}
				}
				catch (Exception ex) {
					failures.add(route + " failed: " + ex);
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
