package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.export.pyroscope.DecodedPush;
import io.github.profiling.autoconfigure.requestsapp.SlowRequestApplication;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow-request checks on {@link SlowRequestApplication}, for every sampler and thread
 * model: the kept requests of a route whose every tenth request does ten times the work
 * are listed slowest first, the slow ones' own trees have that extra work as the heaviest
 * child of the handler, the fast ones' never hold it, and a request that hands its work
 * to a context-propagating pool has that pool thread's samples in its tree. Requests tell
 * whether they are slow by a header the application tags
 * ({@code management.profiling.tags.headers=X-Kind}), which the check reads and the
 * profiler does not: it keeps the slowest per tag set, so fast requests are kept too.
 */
final class SlowRequests {

	static final String PROPERTIES_HEADER = "management.profiling.tags.headers=X-Kind";

	/**
	 * Every request of the check is kept, so that the trees can be held against the
	 * window's: which of them the slowest are is the unit tests' matter.
	 */
	static final String PROPERTIES_KEEP_ALL = "management.profiling.requests.slowest=1000";

	private static final String APP = SlowRequestApplication.class.getName() + "$";

	static final String HANDLER = APP + "OrderController.order";

	static final String EXTRA = APP + "Work.extra";

	static final String USUAL = APP + "Work.usual";

	static final String HANDED_OFF = APP + "Work.handedOff";

	private static final String ORDERS = "http.route:/orders/{n}";

	private SlowRequests() {
	}

	static void check(EndpointClient client, String sampler) throws Exception {
		client.useSampler(sampler);
		// Warm up, then start afresh: the kept requests of the JIT's time are gone.
		load(client, 40);
		Thread.sleep(1500);
		client.reset();
		load(client, 100);
		List<JsonNode> kept = settledRequests(client, "/requests?limit=1000&tag=" + encode(ORDERS));

		// Slowest first; the ten slowest are the slow requests.
		for (int i = 1; i < kept.size(); i++) {
			assertThat(kept.get(i).get("durationMillis").asDouble())
				.isLessThanOrEqualTo(kept.get(i - 1).get("durationMillis").asDouble());
		}
		assertThat(kept).as("kept requests").hasSizeGreaterThanOrEqualTo(20);
		List<String> topKinds = new ArrayList<>();
		for (JsonNode request : kept.subList(0, 10)) {
			topKinds.add(request.get("tags").path("x-kind").asString(""));
		}
		assertThat(topKinds).as("kinds of the ten slowest").containsOnly("slow");

		int slowTrees = 0;
		int fastTrees = 0;
		for (JsonNode request : kept) {
			String kind = request.get("tags").path("x-kind").asString("");
			JsonNode tree = client.getJson(client.profiling("/tree?request=" + request.get("id").asString()));
			TreeAssertions.assertInvariants(tree);
			assertThat(tree.get("request").get("id").asString()).isEqualTo(request.get("id").asString());
			assertThat(tree.get("samples").asLong()).isEqualTo(request.get("weight").asLong());
			if (kind.equals("slow")) {
				slowTrees++;
				assertThat(request.get("complete").asBoolean()).isTrue();
				Map<String, Long> children = new LinkedHashMap<>();
				childrenOf(tree.get("root"), HANDLER, children);
				assertThat(children).as("children of the handler in request %s's tree: %s", request.get("id"), tree)
					.containsKey(EXTRA);
				String heaviest = children.entrySet()
					.stream()
					.max(Map.Entry.comparingByValue())
					.map(Map.Entry::getKey)
					.orElse(null);
				assertThat(heaviest).as("heaviest child of the handler in %s", tree).isEqualTo(EXTRA);
			}
			else {
				fastTrees++;
				assertThat(SamplerAccuracy.deep(tree.get("root"), EXTRA)).as("extra work in fast request %s", tree)
					.isZero();
			}
		}
		assertThat(slowTrees).isGreaterThanOrEqualTo(10);
		assertThat(fastTrees).isGreaterThanOrEqualTo(10);

		// Work handed to a context-propagating pool is the request's: the pool threads'
		// samples of the route are in its requests' own trees.
		String handoff = "http.route:/handoff/{n}";
		List<JsonNode> handedOff = settledRequests(client, "/requests?limit=1000&tag=" + encode(handoff));
		assertThat(handedOff).hasSize(20);
		long inTrees = 0;
		for (JsonNode request : handedOff) {
			JsonNode tree = client.getJson(client.profiling("/tree?request=" + request.get("id").asString()));
			inTrees += SamplerAccuracy.deep(tree.get("root"), HANDED_OFF);
		}
		long ofRoute = SamplerAccuracy
			.deep(client.getJson(client.profiling("/tree?tag=" + encode(handoff))).get("root"), HANDED_OFF);
		assertThat(ofRoute).as("handed-off work of the route").isGreaterThan(20);
		assertThat(100.0 * inTrees / ofRoute).as("share of the route's handed-off work in its requests' trees")
			.isGreaterThanOrEqualTo(95);

		// The other views of one request, and the errors.
		String slowest = kept.get(0).get("id").asString();
		assertThat(client.get(client.profiling("/flamegraph?request=" + slowest)).body()).contains(slowest)
			.contains("Work.extra");
		assertThat(client.get(client.profiling("/collapsed?request=" + slowest)).body()).contains("Work.extra");
		DecodedPush.Profile profile = DecodedPush.Profile
			.decode(gunzip(bytes(client.profiling("/pprof?request=" + slowest))));
		assertThat(profile.samples()).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("x-kind", "slow")
				.containsEntry("http.route", "/orders/{n}"));
		HttpResponse<String> expired = client.get(client.profiling("/tree?request=4000000000"));
		assertThat(expired.statusCode()).isEqualTo(404);
		assertThat(EndpointClient.parse(expired.body()).get("parameter").asString()).isEqualTo("request");
		assertThat(client.get(client.profiling("/tree?request=abc")).statusCode()).isEqualTo(400);
		assertThat(client.get(client.profiling("/tree?request=" + slowest + "&seconds=10")).statusCode())
			.isEqualTo(400);
		assertThat(client.get(client.profiling("/requests?limit=0")).statusCode()).isEqualTo(400);
		JsonNode requests = client.getJson(client.profiling("")).get("requests");
		assertThat(requests.get("kept").asInt()).isLessThanOrEqualTo(requests.get("maxRequests").asInt())
			.isGreaterThanOrEqualTo(kept.size());
		assertThat(requests.get("bytes").asLong()).isGreaterThan(0);
	}

	/**
	 * The kept requests of a query once their trees stop growing: samplers that read JFR
	 * deliver a request's samples after it ended.
	 */
	static List<JsonNode> settledRequests(EndpointClient client, String query) throws InterruptedException {
		long previous = -1;
		List<JsonNode> requests = List.of();
		for (int attempt = 0; attempt < 20; attempt++) {
			Thread.sleep(1000);
			requests = new ArrayList<>();
			long weight = 0;
			for (JsonNode request : client.getJson(client.profiling(query)).get("requests")) {
				requests.add(request);
				weight += request.get("weight").asLong();
			}
			if (weight == previous && weight > 0) {
				return requests;
			}
			previous = weight;
		}
		return requests;
	}

	/** DEEP of each child of the nodes named {@code parent}, summed by name. */
	private static void childrenOf(JsonNode node, String parent, Map<String, Long> children) {
		for (JsonNode child : node.get("children")) {
			if (node.get("name").asString().equals(parent)) {
				children.merge(child.get("name").asString(), child.get("deep").asLong(), Long::sum);
			}
			childrenOf(child, parent, children);
		}
	}

	/**
	 * {@code rounds} requests to each route from three clients; every tenth order takes
	 * the slow path, and says so in its X-Kind header.
	 */
	private static void load(EndpointClient client, int rounds) throws Exception {
		Clients.inParallel(3, (c) -> {
			for (int n = c; n < rounds; n += 3) {
				String kind = (n % 10 == 9) ? "slow" : "fast";
				assertThat(client.getWithHeader(client.base() + "/orders/" + n, "X-Kind", kind).statusCode())
					.isEqualTo(200);
				if (n % 5 == 0) {
					assertThat(client.get(client.base() + "/handoff/" + n).statusCode()).isEqualTo(200);
				}
			}
		});
	}

	private static byte[] bytes(String url) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static byte[] gunzip(byte[] raw) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
