package io.github.profiling.autoconfigure;

import io.github.profiling.tracingapp.TracingTestApplication;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static io.github.profiling.autoconfigure.TracingTestSupport.PRICE;
import static io.github.profiling.autoconfigure.TracingTestSupport.STOCK;
import static io.github.profiling.autoconfigure.TracingTestSupport.TOTAL;
import static io.github.profiling.autoconfigure.TracingTestSupport.UNIT_PRICE;
import static io.github.profiling.autoconfigure.TracingTestSupport.calls;
import static io.github.profiling.autoconfigure.TracingTestSupport.child;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code management.profiling.mode=tracing} in a running app, over real HTTP: exact call
 * counts per route, every view on traced trees, and switching tracing off and on at run
 * time. The context is closed after the class, which removes the instrumentation.
 */
@DirtiesContext
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=tracing",
				"management.profiling.tracing.include=io.github.profiling.tracingapp.**" })
class TracingEndpointTests {

	private static final String PRICE_ROUTE = "http.route:/price/{items}";

	private static final String STOCK_ROUTE = "http.route:/stock/{item}";

	@LocalServerPort
	int port;

	EndpointClient client;

	@BeforeEach
	void setUp() {
		this.client = new EndpointClient(this.port);
		this.client.post(this.client.profiling(""),
				"{\"mode\":\"tracing\",\"include\":\"io.github.profiling.tracingapp.**\",\"exclude\":\"\"}");
		this.client.reset();
	}

	@Test
	void statusSaysTheTracerRuns() {
		JsonNode status = this.client.getJson(this.client.profiling(""));
		assertThat(status.get("mode").asString()).isEqualTo("tracing");
		assertThat(status.get("sampler").asString()).isEqualTo("tracer");
		assertThat(status.get("running").asBoolean()).isTrue();
		assertThat(status.has("problem")).as(status.toString()).isFalse();
		JsonNode tracer = status.get("samplers").get("tracer");
		assertThat(tracer.get("available").asBoolean()).isTrue();
		assertThat(tracer.get("reason").asString()).contains("io.github.profiling.tracingapp.**");
		assertThat(status.get("tracing").get("include").get(0).asString())
			.isEqualTo("io.github.profiling.tracingapp.**");
	}

	@Test
	void routeTagsSplitTheCallsExactly() throws Exception {
		TracingTestSupport.load(this.port, "/price/3", 4, 40);
		TracingTestSupport.load(this.port, "/stock/7", 4, 25);

		JsonNode priceTree = this.client.getJson(this.client.profiling("/tree?tag=" + encode(PRICE_ROUTE)));
		assertThat(priceTree.get("unit").asString()).isEqualTo("nanoseconds");
		assertThat(priceTree.get("sampler").asString()).isEqualTo("tracer");
		TreeAssertions.assertInvariants(priceTree);
		TracingTestSupport.assertNanosecondsAgree(priceTree.get("root"), true);
		JsonNode price = child(priceTree.get("root"), PRICE);
		assertThat(calls(price)).isEqualTo(40);
		JsonNode total = child(price, TOTAL);
		assertThat(calls(total)).isEqualTo(40);
		assertThat(calls(child(total, UNIT_PRICE))).isEqualTo(120);
		assertThat(TreeAssertions.hasFrame(priceTree.get("root"), STOCK)).isFalse();

		JsonNode stockTree = this.client.getJson(this.client.profiling("/tree?tag=" + encode(STOCK_ROUTE)));
		TreeAssertions.assertInvariants(stockTree);
		JsonNode stock = child(stockTree.get("root"), STOCK);
		assertThat(calls(stock)).isEqualTo(25);
		assertThat(calls(child(stock, UNIT_PRICE))).isEqualTo(25);
		assertThat(TreeAssertions.hasFrame(stockTree.get("root"), PRICE)).isFalse();

		// The whole tree has both routes' calls, and the tags view both routes' time.
		JsonNode all = this.client.getJson(this.client.profiling("/tree"));
		assertThat(calls(child(all.get("root"), PRICE))).isEqualTo(40);
		assertThat(calls(child(all.get("root"), STOCK))).isEqualTo(25);
		JsonNode tags = this.client.getJson(this.client.profiling("/tags"));
		assertThat(tags.toString()).contains("/price/{items}", "/stock/{item}");
	}

	@Test
	void switchingOffStopsCountingAndSwitchingOnCountsAgain() throws Exception {
		TracingTestSupport.load(this.port, "/price/2", 2, 10);
		JsonNode off = EndpointClient.parse(this.client.post(this.client.profiling(""), "{\"mode\":\"off\"}").body());
		assertThat(off.get("running").asBoolean()).isFalse();
		assertThat(tracerThreads()).isZero();
		TracingTestSupport.load(this.port, "/price/2", 2, 30);
		JsonNode whileOff = this.client.getJson(this.client.profiling("/tree"));
		assertThat(calls(child(whileOff.get("root"), PRICE))).as("data stays readable when off").isEqualTo(10);

		JsonNode on = EndpointClient
			.parse(this.client.post(this.client.profiling(""), "{\"mode\":\"tracing\"}").body());
		assertThat(on.get("running").asBoolean()).isTrue();
		TracingTestSupport.load(this.port, "/price/2", 2, 5);
		JsonNode tree = this.client.getJson(this.client.profiling("/tree"));
		assertThat(calls(child(tree.get("root"), PRICE))).as("the 30 calls made while off are not counted")
			.isEqualTo(15);
		TreeAssertions.assertInvariants(tree);
	}

	@Test
	void changingIncludeAtRunTimeReinstruments() throws Exception {
		JsonNode changed = EndpointClient.parse(
				this.client
					.post(this.client.profiling(""),
							"{\"include\":\"io.github.profiling.tracingapp.**\",\"exclude\":\"**.*Calculator\"}")
					.body());
		assertThat(changed.get("running").asBoolean()).as(changed.toString()).isTrue();
		TracingTestSupport.load(this.port, "/price/3", 2, 10);
		JsonNode tree = this.client.getJson(this.client.profiling("/tree"));
		JsonNode price = child(tree.get("root"), PRICE);
		assertThat(calls(price)).isEqualTo(10);
		assertThat(price.get("children")).as("the excluded calculator is not traced").isEmpty();
	}

	@Test
	void liveStreamsTracedTrees() throws Exception {
		Thread load = new Thread(() -> {
			try {
				TracingTestSupport.load(this.port, "/price/5", 1, 300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		load.start();
		List<String> events = this.client.readEvents(this.client.profiling("/live?interval=1s"), "text/event-stream", 3,
				Duration.ofSeconds(20));
		load.join(60_000);
		for (String event : events) {
			JsonNode tree = EndpointClient.parse(event);
			assertThat(tree.get("unit").asString()).isEqualTo("nanoseconds");
			assertThat(tree.get("root").has("calls")).isTrue();
			TreeAssertions.assertInvariants(tree);
		}
	}

	@Test
	void switchingToSamplingDropsTheTracedData() throws Exception {
		TracingTestSupport.load(this.port, "/price/2", 2, 10);
		JsonNode sampling = EndpointClient
			.parse(this.client.post(this.client.profiling(""), "{\"mode\":\"sampling\",\"sampler\":\"jdk\"}").body());
		assertThat(sampling.get("sampler").asString()).isEqualTo("jdk");
		JsonNode tree = this.client.getJson(this.client.profiling("/tree"));
		assertThat(tree.get("unit").asString()).isEqualTo("samples");
		assertThat(tree.get("root").has("calls")).isFalse();
		assertThat(TreeAssertions.hasFrame(tree.get("root"), PRICE)).as("traced calls are not mixed with samples")
			.isFalse();
	}

	@Test
	void tracingThenOffThenSamplingThenResetLeavesNoTracingFieldOnAnyNode() throws Exception {
		TracingTestSupport.load(this.port, "/price/2", 2, 10);
		assertThat(this.client.getJson(this.client.profiling("/tree")).get("root").has("calls")).isTrue();
		this.client.post(this.client.profiling(""), "{\"mode\":\"off\"}");
		this.client.post(this.client.profiling(""), "{\"mode\":\"sampling\",\"sampler\":\"jdk\"}");
		this.client.reset();
		long deadline = System.nanoTime() + 20_000_000_000L;
		do {
			TracingTestSupport.load(this.port, "/price/2", 2, 10);
		}
		while (this.client.getJson(this.client.profiling("/tree")).get("samples").asLong() == 0
				&& System.nanoTime() < deadline);
		for (String view : new String[] { "/tree", "/tree?seconds=60" }) {
			JsonNode tree = this.client.getJson(this.client.profiling(view));
			assertThat(tree.get("unit").asString()).as(view).isEqualTo("samples");
			assertThat(tree.get("samples").asLong()).as(view).isPositive();
			assertNoTracingField(tree.get("root"), view);
		}
	}

	private static void assertNoTracingField(JsonNode node, String view) {
		for (String field : new String[] { "calls", "ownNanos", "deepNanos" }) {
			assertThat(node.has(field)).as("%s: %s on %s", view, field, node.get("name")).isFalse();
		}
		node.get("children").forEach((child) -> assertNoTracingField(child, view));
	}

	@Test
	void malformedPatternsGet400() {
		HttpResponse<String> response = this.client.post(this.client.profiling(""), "{\"include\":\"com/example\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(EndpointClient.parse(response.body()).get("parameter").asString()).isEqualTo("include");
	}

	private static long tracerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("profiling-tracer"))
			.count();
	}

}
