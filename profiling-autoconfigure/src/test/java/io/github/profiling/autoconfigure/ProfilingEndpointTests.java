package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.endpoint.ProfilingDescriptorJsonTests;
import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code profiling} endpoint of a running app with sampling on, over real HTTP. The
 * context is closed after the class, so that its sampler thread does not outlive it.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class ProfilingEndpointTests {

	private static final String ROUTE_N = "http.route:/{n}";

	@LocalServerPort
	int port;

	EndpointClient client;

	@BeforeEach
	void setUp() {
		this.client = new EndpointClient(this.port);
		this.client.post(this.client.profiling(""),
				"{\"mode\":\"sampling\",\"sampler\":\"jdk\",\"event\":\"cpu\",\"interval\":\"10ms\"}");
		this.client.reset();
	}

	@Test
	void statusSaysWhatRuns() {
		JsonNode status = this.client.getJson(this.client.profiling(""));
		assertThat(status.get("mode").asString()).isEqualTo("sampling");
		assertThat(status.get("sampler").asString()).isEqualTo("jdk");
		assertThat(status.get("event").asString()).isEqualTo("cpu");
		assertThat(status.get("intervalMillis").asLong()).isEqualTo(10);
		assertThat(status.get("running").asBoolean()).isTrue();
		assertThat(status.get("state").asString()).isEqualTo("running");
		assertThat(status.has("degradedReason")).isFalse();
		assertThat(status.get("startedAt").asString()).isNotEmpty();
		assertThat(status.get("samplers").get("jdk").get("available").asBoolean()).isTrue();
		assertThat(status.get("samplers").get("jdk").get("reason").asString()).isNotEmpty();
		for (String field : List.of("samples", "droppedSamples", "nodes", "tagKeys", "liveStreams")) {
			assertThat(status.has(field)).as(field).isTrue();
		}
	}

	@Test
	void statusServesEveryFieldInItsOrderWhateverJsonTypeIsAccepted() {
		for (String accept : List.of("*/*", "application/json", "application/vnd.spring-boot.actuator.v3+json")) {
			HttpResponse<String> response = this.client.get(this.client.profiling(""), accept);
			assertThat(response.statusCode()).as(accept).isEqualTo(200);
			JsonNode status = EndpointClient.parse(response.body());
			List<String> expected = ProfilingDescriptorJsonTests.FIELDS.stream()
				.filter((field) -> !ProfilingDescriptorJsonTests.CONDITIONAL.contains(field) || status.has(field))
				.toList();
			assertThat(status.propertyNames()).as(accept).containsExactlyElementsOf(expected);
			assertThat(status.get("samplers").get("jdk").propertyNames()).containsExactly("available", "reason");
		}
	}

	@Test
	void routeFilteredTreeShowsBigIntegerWorkAndKeepsInvariants() throws Exception {
		// Large factorials, so that BigInteger work far outweighs the per-request
		// overhead of MVC.
		this.client.load("/6000", 2, 120);
		this.client.load("/sleep/20", 2, 20);
		JsonNode tree = this.client.getJson(this.client.profiling("/tree?tag=" + encode(ROUTE_N)));
		assertThat(tree.get("sampler").asString()).isEqualTo("jdk");
		assertThat(tree.get("unit").asString()).isEqualTo("samples");
		long samples = tree.get("samples").asLong();
		assertThat(samples).isGreaterThan(20);
		TreeAssertions.assertInvariants(tree);
		// Most of the route's CPU is in BigInteger arithmetic, at the top of its stacks.
		long bigInteger = TreeAssertions.ownUnder(tree, "java.math.");
		assertThat(bigInteger).as("OWN in java.math of %d samples", samples).isGreaterThan(samples / 2);
		assertThat(TreeAssertions.hasFrame(tree.get("root"),
				"io.github.profiling.autoconfigure.testapp.TestApplication$FactorialController.factorial"))
			.isTrue();
		assertThat(TreeAssertions.hasFrame(tree.get("root"),
				"io.github.profiling.autoconfigure.testapp.TestApplication$FactorialController.sleep"))
			.as("the other route's handler is filtered out")
			.isFalse();
		JsonNode whole = this.client.getJson(this.client.profiling("/tree"));
		TreeAssertions.assertInvariants(whole);
		assertThat(whole.get("samples").asLong()).isGreaterThanOrEqualTo(samples);
	}

	@Test
	void aTagFilterThatMatchesNothingSaysWhichValuesTheKeyHas() throws Exception {
		// Enough work that the matching route surely has samples at 10 ms (about a
		// dozen expected): 20 small factorials left it with none once on a busy machine.
		this.client.load("/6000", 2, 60);
		JsonNode tree = this.client.getJson(this.client.profiling("/tree?tag=" + encode("http.route:/{number}")));
		assertThat(tree.get("samples").asLong()).isZero();
		assertThat(tree.get("hint").asString()).contains("http.route:/{number}").contains("/{n}").contains("%7B");
		JsonNode matching = this.client.getJson(this.client.profiling("/tree?tag=" + encode(ROUTE_N)));
		assertThat(matching.has("hint")).isFalse();
	}

	@Test
	void focusOnTheApplicationStartsEveryPathAtItsOwnCode() throws Exception {
		this.client.load("/2000", 2, 100);
		for (String view : new String[] { "/tree?focus=app",
				"/tree?focus=io.github.profiling.autoconfigure.testapp" }) {
			JsonNode tree = this.client.getJson(this.client.profiling(view + "&tag=" + encode(ROUTE_N)));
			TreeAssertions.assertInvariants(tree);
			List<String> top = new java.util.ArrayList<>();
			tree.get("root").get("children").forEach((child) -> top.add(child.get("name").asString()));
			assertThat(top).as(view)
				.contains("io.github.profiling.autoconfigure.testapp.TestApplication$FactorialController.factorial")
				.doesNotContain("java.lang.Thread.run");
		}
		HttpResponse<String> bad = this.client.get(this.client.profiling("/tree?focus=com..example"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(EndpointClient.parse(bad.body()).get("parameter").asString()).isEqualTo("focus");
	}

	@Test
	void theStartupIsAWindowOfItsOwnAndSinceStartBeginsWhenTheApplicationWasReady() throws Exception {
		this.client.load("/2000", 2, 20);
		JsonNode status = this.client.getJson(this.client.profiling(""));
		java.time.Instant ready = java.time.Instant.parse(status.get("dataSince").asString());
		JsonNode startup = this.client.getJson(this.client.profiling("/tree?window=startup"));
		TreeAssertions.assertInvariants(startup);
		assertThat(java.time.Instant.parse(startup.get("to").asString())).isEqualTo(ready);
		JsonNode running = this.client.getJson(this.client.profiling("/tree"));
		assertThat(java.time.Instant.parse(running.get("from").asString())).isEqualTo(ready);
		assertThat(this.client.get(this.client.profiling("/tags?window=startup")).statusCode()).isEqualTo(200);
		for (String bad : new String[] { "/tree?window=yesterday", "/tree?window=startup&seconds=10",
				"/live?window=startup", "/jfr?window=startup", "/ui?window=startup" }) {
			HttpResponse<String> response = this.client.get(this.client.profiling(bad));
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertThat(EndpointClient.parse(response.body()).has("parameter")).as(bad).isTrue();
		}
	}

	@Test
	void anUnknownViewIsNotFoundWhateverItsParameters() {
		for (String unknown : new String[] { "/nothing", "/nothing?window=startup", "/nothing?focus=com..example" }) {
			HttpResponse<String> response = this.client.get(this.client.profiling(unknown));
			assertThat(response.statusCode()).as(unknown).isEqualTo(404);
			JsonNode error = EndpointClient.parse(response.body());
			assertThat(error.get("parameter").asString()).as(unknown).isEqualTo("view");
			assertThat(error.get("error").asString()).as(unknown)
				.isEqualTo(
						"unknown view 'nothing'; use tree, tags, live, flamegraph, collapsed, pprof, diff, timeline, requests, jfr or ui");
		}
	}

	@Test
	void windowAndPruningKeepInvariants() throws Exception {
		this.client.load("/2000", 2, 200);
		JsonNode windowed = this.client.getJson(this.client.profiling("/tree?seconds=60&tag=" + encode(ROUTE_N)));
		TreeAssertions.assertInvariants(windowed);
		assertThat(windowed.get("samples").asLong()).isPositive();
		JsonNode pruned = this.client
			.getJson(this.client.profiling("/tree?seconds=60&maxDepth=3&minPercent=5&tag=" + encode(ROUTE_N)));
		TreeAssertions.assertInvariants(pruned);
		assertThat(pruned.get("samples").asLong()).isGreaterThanOrEqualTo(windowed.get("samples").asLong());
		assertThat(depth(pruned.get("root"))).isLessThanOrEqualTo(3);
	}

	private static int depth(JsonNode node) {
		int deepest = 0;
		for (JsonNode child : node.get("children")) {
			deepest = Math.max(deepest, 1 + depth(child));
		}
		return deepest;
	}

	@Test
	void tagsPutTheBusyRouteFirst() throws Exception {
		// Large factorials: the server's work per request far outweighs this test's own
		// client.
		this.client.load("/8000", 2, 100);
		this.client.load("/sleep/10", 2, 20);
		JsonNode tags = this.client.getJson(this.client.profiling("/tags"));
		assertThat(tags.isArray()).isTrue();
		JsonNode first = tags.get(0);
		assertThat(first.get("tags").has("http.route")).as(tags.toString()).isTrue();
		assertThat(first.get("tags").get("http.route").asString()).isEqualTo("/{n}");
		assertThat(first.get("tags").get("http.method").asString()).isEqualTo("GET");
		double percentSum = 0;
		long previous = Long.MAX_VALUE;
		for (JsonNode entry : tags) {
			assertThat(entry.get("samples").asLong()).isLessThanOrEqualTo(previous);
			previous = entry.get("samples").asLong();
			percentSum += entry.get("percent").asDouble();
		}
		assertThat(percentSum).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.5));
		JsonNode status = this.client.getJson(this.client.profiling(""));
		assertThat(status.get("tagKeys").toString()).contains("http.route", "http.method");
	}

	@Test
	void liveDeliversATreeEverySecond() throws Exception {
		Thread load = new Thread(() -> {
			try {
				this.client.load("/2000", 1, 300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		load.start();
		long started = System.nanoTime();
		List<String> events = this.client.readEvents(this.client.profiling("/live?interval=1s"), "text/event-stream", 4,
				Duration.ofSeconds(20));
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		load.join(60_000);
		assertThat(events).hasSize(4);
		for (String event : events) {
			JsonNode tree = EndpointClient.parse(event);
			TreeAssertions.assertInvariants(tree);
			assertThat(tree.get("sampler").asString()).isEqualTo("jdk");
		}
		// Each event is a fresh one-second window: consecutive windows tile time.
		for (int i = 1; i < events.size(); i++) {
			assertThat(EndpointClient.parse(events.get(i)).get("from").asString())
				.isEqualTo(EndpointClient.parse(events.get(i - 1)).get("to").asString());
		}
		// The first event is sent at once, the next three about a second apart.
		assertThat(elapsedMillis).isGreaterThanOrEqualTo(1500);
	}

	@Test
	void liveStreamsForAnyAcceptHeader() throws Exception {
		List<String> events = this.client.readEvents(this.client.profiling("/live?interval=1s"), "*/*", 2,
				Duration.ofSeconds(20));
		assertThat(events).hasSize(2);
	}

	static Stream<Arguments> badViewRequests() {
		return Stream.of(Arguments.of("/tree?seconds=-1", "seconds"), Arguments.of("/tree?seconds=abc", "seconds"),
				Arguments.of("/tree?seconds=0", "seconds"), Arguments.of("/tree?seconds=99999999", "seconds"),
				Arguments.of("/tree?seconds=1.5", "seconds"), Arguments.of("/tags?seconds=-5", "seconds"),
				Arguments.of("/tree?tag=route", "tag"), Arguments.of("/tree?tag=" + encode(":x"), "tag"),
				Arguments.of("/tree?maxDepth=0", "maxDepth"), Arguments.of("/tree?maxDepth=abc", "maxDepth"),
				Arguments.of("/tree?maxDepth=-3", "maxDepth"), Arguments.of("/tree?minPercent=abc", "minPercent"),
				Arguments.of("/tree?minPercent=101", "minPercent"), Arguments.of("/tree?minPercent=NaN", "minPercent"),
				Arguments.of("/tree?minPercent=-1", "minPercent"), Arguments.of("/live?interval=500ms", "interval"),
				Arguments.of("/live?interval=abc", "interval"), Arguments.of("/live?interval=0s", "interval"),
				Arguments.of("/live?seconds=-1", "seconds"),
				Arguments.of("/tree?thread=" + "x".repeat(2000), "thread"));
	}

	@ParameterizedTest
	@MethodSource("badViewRequests")
	void badViewInputGets400WithTheParameter(String pathAndQuery, String parameter) {
		HttpResponse<String> response = this.client.get(this.client.profiling(pathAndQuery));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = EndpointClient.parse(response.body());
		assertThat(body.get("parameter").asString()).isEqualTo(parameter);
		assertThat(body.get("error").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("at io.");
	}

	static Stream<Arguments> badPosts() {
		return Stream.of(Arguments.of("{\"mode\":\"bogus\"}", "mode"),
				Arguments.of("{\"sampler\":\"nope\"}", "sampler"), Arguments.of("{\"event\":\"heat\"}", "event"),
				Arguments.of("{\"interval\":\"abc\"}", "interval"), Arguments.of("{\"interval\":\"0ms\"}", "interval"),
				Arguments.of("{\"interval\":\"1h\"}", "interval"),
				Arguments.of("{\"event\":\"alloc\",\"sampler\":\"jdk\"}", "event"),
				Arguments.of("{\"action\":\"explode\"}", "action"));
	}

	@ParameterizedTest
	@MethodSource("badPosts")
	void badSettingsGet400AndChangeNothing(String body, String parameter) {
		HttpResponse<String> response = this.client.post(this.client.profiling(""), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(EndpointClient.parse(response.body()).get("parameter").asString()).isEqualTo(parameter);
		JsonNode status = this.client.getJson(this.client.profiling(""));
		assertThat(status.get("running").asBoolean()).isTrue();
		assertThat(status.get("sampler").asString()).isEqualTo("jdk");
		assertThat(status.get("intervalMillis").asLong()).isEqualTo(10);
	}

	@Test
	void emptyPostIsABadRequest() {
		HttpResponse<String> response = this.client.post(this.client.profiling(""), "{}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(EndpointClient.parse(response.body()).get("error").asString()).contains("nothing to change");
	}

	@Test
	void unknownViewIsNotFoundWithAMessage() {
		HttpResponse<String> response = this.client.get(this.client.profiling("/nothing"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(EndpointClient.parse(response.body()).get("error").asString())
			.contains("use tree, tags, live, flamegraph, collapsed, pprof, diff, timeline, requests, jfr or ui");
	}

	@Test
	void settingsChangedAtRunTimeStartANewRecordingLabelledByItsOwnData() throws Exception {
		this.client.load("/2000", 2, 100);
		long before = this.client.getJson(this.client.profiling("")).get("samples").asLong();
		assertThat(before).isPositive();
		assertThat(pprofStrings()).contains("cpu").doesNotContain("wall");
		JsonNode changed = EndpointClient
			.parse(this.client.post(this.client.profiling(""), "{\"interval\":\"20ms\",\"event\":\"wall\"}").body());
		assertThat(changed.get("intervalMillis").asLong()).isEqualTo(20);
		assertThat(changed.get("event").asString()).isEqualTo("wall");
		assertThat(changed.get("running").asBoolean()).isTrue();
		assertThat(samplerThreads()).isEqualTo(1);
		this.client.load("/2000", 2, 50);
		// Only wall-clock samples of 20 ms now: never a CPU sample labelled wall.
		JsonNode tree = this.client.getJson(this.client.profiling("/tree"));
		assertThat(tree.get("event").asString()).isEqualTo("wall");
		assertThat(java.time.Instant.parse(tree.get("from").asString()))
			.isAfterOrEqualTo(java.time.Instant.parse(changed.get("dataSince").asString()));
		assertThat(pprofStrings()).contains("wall").doesNotContain("cpu");

		JsonNode off = EndpointClient.parse(this.client.post(this.client.profiling(""), "{\"mode\":\"off\"}").body());
		assertThat(off.get("mode").asString()).isEqualTo("off");
		assertThat(off.get("running").asBoolean()).isFalse();
		assertThat(samplerThreads()).isZero();
		JsonNode readable = this.client.getJson(this.client.profiling("/tree"));
		assertThat(readable.get("samples").asLong()).as("data stays readable when off").isPositive();
		assertThat(readable.get("sampler").asString()).as("labelled by the sampler that took it").isEqualTo("jdk");
		assertThat(readable.get("event").asString()).isEqualTo("wall");

		JsonNode reset = EndpointClient
			.parse(this.client.post(this.client.profiling(""), "{\"action\":\"reset\"}").body());
		assertThat(reset.get("samples").asLong()).isZero();
	}

	/**
	 * The strings of the pprof export's string table: sample types, period type, frames,
	 * labels.
	 */
	private java.util.List<String> pprofStrings() throws Exception {
		java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.client.profiling("/pprof"))).build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		byte[] profile = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))
			.readAllBytes();
		// Field 6 of Profile, string_table: tag 0x32, a varint length, the bytes.
		java.util.List<String> strings = new java.util.ArrayList<>();
		int at = 0;
		while (at < profile.length) {
			long key = 0;
			int shift = 0;
			int b;
			do {
				b = profile[at++] & 0xFF;
				key |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while ((b & 0x80) != 0);
			int wireType = (int) (key & 7);
			long length = 0;
			if (wireType == 0) {
				while ((profile[at++] & 0x80) != 0) {
				}
				continue;
			}
			shift = 0;
			do {
				b = profile[at++] & 0xFF;
				length |= (long) (b & 0x7F) << shift;
				shift += 7;
			}
			while ((b & 0x80) != 0);
			if (key >>> 3 == 6) {
				strings.add(new String(profile, at, (int) length, java.nio.charset.StandardCharsets.UTF_8));
			}
			at += (int) length;
		}
		return strings;
	}

	private static long samplerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("profiling-sampler"))
			.count();
	}

}
