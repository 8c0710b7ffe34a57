package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;
import io.github.profiling.profiler.Profiler;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static io.github.profiling.autoconfigure.SamplerAccuracy.HEAVY_HANDLER;
import static io.github.profiling.autoconfigure.SamplerAccuracy.LIGHT_HANDLER;
import static io.github.profiling.autoconfigure.SamplerAccuracy.LIGHT_WORK;
import static io.github.profiling.autoconfigure.SamplerAccuracy.deep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code diff} and {@code timeline} over a real application and the {@code jdk} sampler:
 * the accuracy workload, whose {@code /light} load doubles from one window to the next.
 */
@DirtiesContext
@SpringBootTest(classes = WorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.interval=2ms" })
class ProfilingDiffEndpointTests {

	private static final String LIGHT = "http.route:/light";

	@LocalServerPort
	int port;

	@Autowired
	Profiler profiler;

	private EndpointClient client;

	@BeforeEach
	void setUp() {
		this.client = new EndpointClient(this.port);
	}

	@Test
	void whenOneRouteDoublesItsWeightDoublesAndTheShapeOfItsWorkStays() throws Exception {
		// Warm up (JIT), then measure from a clean store.
		load(40, 40);
		this.client.reset();
		load(40, 40);
		// Phase two begins with a bucket of its own.
		awaitNextBucket();
		long second = this.profiler.currentBucket();
		load(80, 40);
		awaitNextBucket();
		JsonNode all = null;
		JsonNode light = null;
		for (int attempt = 0; attempt < 3 && light == null; attempt++) {
			long now = this.profiler.currentBucket();
			String windows = "?seconds=" + (now - second + 1) + "&baseSeconds=" + second + "&baseOffset="
					+ (now - second + 1);
			all = this.client.getJson(this.client.profiling("/diff" + windows));
			JsonNode routeOnly = this.client
				.getJson(this.client.profiling("/diff" + windows + "&tag=" + encode(LIGHT)));
			// Both answers are of the same windows only if no second began in between.
			light = (this.profiler.currentBucket() == now) ? routeOnly : null;
		}
		assertThat(light).as("two answers within one second").isNotNull();
		TreeAssertions.assertDiffInvariants(all);
		TreeAssertions.assertDiffInvariants(light);

		double lightGrowth = (double) deep(all.get("root"), LIGHT_HANDLER) / baseDeep(all.get("root"), LIGHT_HANDLER);
		double heavyGrowth = (double) deep(all.get("root"), HEAVY_HANDLER) / baseDeep(all.get("root"), HEAVY_HANDLER);
		System.out.printf("diff: /light grew %.3f, /heavy %.3f; /light's work %.1f %% then %.1f %%%n", lightGrowth,
				heavyGrowth, baseDeepPercent(light.get("root"), LIGHT_WORK),
				deepPercent(light.get("root"), LIGHT_WORK));
		assertThat(baseDeep(all.get("root"), LIGHT_HANDLER)).as("samples of the light work").isGreaterThan(200);
		// Against the unchanged route, which takes out what a sample costs on a busy
		// machine.
		assertThat(lightGrowth / heavyGrowth).as("/light's weight against /heavy's, doubled")
			.isBetween(2 * 0.8, 2 * 1.2);
		assertThat(lightGrowth).as("/light's weight, doubled").isBetween(2 * 0.75, 2 * 1.25);
		assertThat(heavyGrowth).as("/heavy's weight, unchanged").isBetween(0.75, 1.25);
		// Normalised, the route's unchanged work weighs what it weighed.
		assertThat(light.get("samples").asLong()).isGreaterThan(light.get("base").get("samples").asLong());
		assertThat(deepPercent(light.get("root"), LIGHT_WORK) - baseDeepPercent(light.get("root"), LIGHT_WORK))
			.as("/light's work, in percent of the route")
			.isBetween(-5.0, 5.0);
	}

	@Test
	void twoRoutesInTheSameWindowAreComparedOnTheSameFrames() throws Exception {
		load(10, 10);
		JsonNode diff = this.client.getJson(this.client.profiling("/diff?seconds=60&tag=" + encode(LIGHT) + "&baseTag="
				+ encode("http.route:/heavy") + "&focus=app&minPercent=1"));
		TreeAssertions.assertDiffInvariants(diff);
		assertThat(diff.get("base").get("from").asString()).isEqualTo(diff.get("from").asString());
		long samples = diff.get("samples").asLong();
		long baseSamples = diff.get("base").get("samples").asLong();
		// Each route's work under its own handler, the other's under the other's (but
		// for a sample at a request's edge, as the accuracy suite allows).
		assertThat(deep(diff.get("root"), LIGHT_HANDLER)).isGreaterThan(samples * 85 / 100);
		assertThat(baseDeep(diff.get("root"), LIGHT_HANDLER)).isLessThan(baseSamples * 3 / 100);
		assertThat(baseDeep(diff.get("root"), HEAVY_HANDLER)).isGreaterThan(baseSamples * 85 / 100);
		assertThat(deep(diff.get("root"), HEAVY_HANDLER)).isLessThan(samples * 3 / 100);
	}

	@Test
	void aFlameGraphWithABaseIsTheDifferentialOneOfThatDiff() throws Exception {
		load(4, 4);
		HttpResponse<String> page = this.client
			.get(this.client.profiling("/flamegraph?seconds=60&baseSeconds=60&tag=" + encode(LIGHT)), "text/html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains(".flamegraph-diff.html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(page.body()).contains("differential flame graph").contains("\"baseDeep\":").contains(LIGHT_HANDLER);

		HttpResponse<String> plain = this.client.get(this.client.profiling("/flamegraph?seconds=60"), "text/html");
		assertThat(plain.body()).doesNotContain("\"baseDeep\":").doesNotContain("differential flame graph");
	}

	@Test
	void aDiffWhoseTagFilterMatchesNothingSaysWhichValuesTheKeyHas() throws Exception {
		load(2, 2);
		JsonNode diff = this.client.getJson(this.client
			.profiling("/diff?seconds=30&tag=" + encode(LIGHT) + "&baseTag=" + encode("http.route:/nowhere")));
		assertThat(diff.get("base").get("samples").asLong()).isZero();
		assertThat(diff.get("hint").asString()).startsWith("in the base, no samples match http.route:/nowhere")
			.contains("/light");
	}

	@Test
	void theTimelineHoldsEachRoutesSamplesPerSecond() throws Exception {
		load(10, 10);
		JsonNode timeline = this.client.getJson(this.client.profiling("/timeline?seconds=30"));
		assertThat(timeline.get("stepSeconds").asLong()).isEqualTo(1);
		assertThat(timeline.get("points").asInt()).isEqualTo(30);
		assertThat(timeline.get("unit").asString()).isEqualTo("samples");
		JsonNode light = null;
		long total = 0;
		for (JsonNode series : timeline.get("series")) {
			assertThat(series.get("values")).hasSize(30);
			long sum = 0;
			for (JsonNode value : series.get("values")) {
				sum += value.asLong();
			}
			assertThat(sum).isEqualTo(series.get("samples").asLong());
			total += sum;
			if ("/light".equals(series.get("tags").path("http.route").asString(""))) {
				light = series;
			}
		}
		assertThat(total).isEqualTo(timeline.get("samples").asLong());
		assertThat(light).as(timeline.toString()).isNotNull();
		assertThat(light.get("samples").asLong()).isPositive();

		JsonNode filtered = this.client.getJson(this.client.profiling("/timeline?tag=" + encode(LIGHT)));
		assertThat(filtered.get("series")).hasSize(1);
		assertThat(filtered.get("series").get(0).get("tags").get("http.route").asString()).isEqualTo("/light");
		assertThat(filtered.get("points").asInt()).isEqualTo(300);

		JsonNode none = this.client.getJson(this.client.profiling("/timeline?tag=" + encode("http.route:/nowhere")));
		assertThat(none.get("samples").asLong()).isZero();
		assertThat(none.get("hint").asString()).contains("/light");
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(Arguments.of("/diff", "seconds"), Arguments.of("/diff?seconds=200", "seconds"),
				Arguments.of("/diff?seconds=abc", "seconds"), Arguments.of("/diff?seconds=10&offset=-1", "offset"),
				Arguments.of("/diff?seconds=100&offset=250", "offset"), Arguments.of("/diff?offset=10", "offset"),
				Arguments.of("/diff?seconds=10&baseSeconds=0", "baseSeconds"),
				Arguments.of("/diff?seconds=10&baseSeconds=10&baseOffset=x", "baseOffset"),
				Arguments.of("/diff?seconds=10&baseSeconds=10&baseOffset=291", "baseOffset"),
				Arguments.of("/diff?baseOffset=10&baseTag=" + encode(LIGHT), "baseOffset"),
				Arguments.of("/diff?seconds=10&baseTag=route", "baseTag"),
				Arguments.of("/diff?seconds=10&window=startup", "window"),
				Arguments.of("/diff?seconds=10&minPercent=101", "minPercent"),
				Arguments.of("/flamegraph?seconds=10&baseSeconds=-4", "baseSeconds"),
				Arguments.of("/timeline?seconds=0", "seconds"), Arguments.of("/timeline?offset=1", "offset"),
				Arguments.of("/timeline?seconds=10&offset=abc", "offset"), Arguments.of("/timeline?tag=x", "tag"),
				Arguments.of("/timeline?window=startup", "window"), Arguments.of("/tree?offset=5", "offset"),
				Arguments.of("/tree?seconds=5&offset=296", "offset"), Arguments.of("/live?offset=5", "offset"));
	}

	@ParameterizedTest
	@MethodSource("badRequests")
	void badInputGets400WithTheParameter(String pathAndQuery, String parameter) {
		HttpResponse<String> response = this.client.get(this.client.profiling(pathAndQuery));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = EndpointClient.parse(response.body());
		assertThat(body.get("parameter").asString()).isEqualTo(parameter);
		assertThat(body.get("error").asString()).isNotBlank().doesNotContain("Exception");
	}

	@Test
	void aTreeWithAnOffsetIsTheWindowBeforeTheLast() throws Exception {
		load(4, 4);
		awaitNextBucket();
		JsonNode before = this.client.getJson(this.client.profiling("/tree?seconds=10&offset=10"));
		JsonNode last = this.client.getJson(this.client.profiling("/tree?seconds=10"));
		TreeAssertions.assertInvariants(before);
		assertThat(before.get("to").asString()).isLessThanOrEqualTo(last.get("from").asString());
	}

	/**
	 * {@code light} requests to {@code /light} and {@code heavy} to {@code /heavy}, from
	 * two clients.
	 */
	private void load(int light, int heavy) throws Exception {
		Clients.inParallel(2, (c) -> {
			for (int i = 0; i < Math.max(light, heavy) / 2; i++) {
				if (i < light / 2) {
					assertThat(this.client.get(this.client.base() + "/light").statusCode()).isEqualTo(200);
				}
				if (i < heavy / 2) {
					assertThat(this.client.get(this.client.base() + "/heavy").statusCode()).isEqualTo(200);
				}
			}
		});
	}

	private void awaitNextBucket() throws InterruptedException {
		long current = this.profiler.currentBucket();
		while (this.profiler.currentBucket() == current) {
			Thread.sleep(Math.max(1, this.profiler.nanosUntilNextBucket() / 1_000_000 + 5));
		}
	}

	private static long baseDeep(JsonNode node, String name) {
		return sum(node, name, "baseDeep");
	}

	private static double deepPercent(JsonNode node, String name) {
		return sumPercent(node, name, "deepPercent");
	}

	private static double baseDeepPercent(JsonNode node, String name) {
		return sumPercent(node, name, "baseDeepPercent");
	}

	private static long sum(JsonNode node, String name, String field) {
		if (node.get("name").asString().equals(name)) {
			return node.get(field).asLong();
		}
		long sum = 0;
		for (JsonNode child : node.get("children")) {
			sum += sum(child, name, field);
		}
		return sum;
	}

	private static double sumPercent(JsonNode node, String name, String field) {
		if (node.get("name").asString().equals(name)) {
			return node.get(field).asDouble();
		}
		double sum = 0;
		for (JsonNode child : node.get("children")) {
			sum += sumPercent(child, name, field);
		}
		return sum;
	}

}
