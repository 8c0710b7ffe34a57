package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.reactiveapp.ReactiveWorkloadApplication;
import tools.jackson.databind.JsonNode;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On WebFlux, a request's own tree follows its work across threads: on
 * {@code boundedElastic} through {@code subscribeOn}, and on both sides of a
 * {@code publishOn} hop, with requests of two routes interleaved on the same event-loop
 * and scheduler threads. Every request is kept, so that their trees can be held against
 * the route's: the heavy route's work is in its requests' trees, and none of the light
 * route's work is.
 */
@DirtiesContext
@SpringBootTest(classes = ReactiveWorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				SlowRequests.PROPERTIES_KEEP_ALL })
class WebFluxSlowRequestTests {

	private static final String APP = ReactiveWorkloadApplication.class.getName() + "$";

	private static final String HEAVY_WORK = APP + "Loops.heavy";

	private static final String LIGHT_WORK = APP + "Loops.light";

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0} on {1}")
	@CsvSource({ "jdk, elastic", "jdk, hop", "jfr, elastic", "jfr, hop", "async, elastic", "async, hop" })
	void aRequestsTreeHoldsItsWorkOnEveryThreadAndNoOtherRequests(String sampler, String where) throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.useSampler(sampler);
		load(client, where, 10);
		Thread.sleep(1500);
		client.reset();
		load(client, where, 60);
		String heavyRoute = "http.route:/" + where + "/heavy";
		List<JsonNode> kept = SlowRequests.settledRequests(client, "/requests?limit=1000&tag=" + encode(heavyRoute));
		assertThat(kept).hasSize(60);
		long inTrees = 0;
		for (JsonNode request : kept) {
			JsonNode tree = client.getJson(client.profiling("/tree?request=" + request.get("id").asString()));
			TreeAssertions.assertInvariants(tree);
			assertThat(SamplerAccuracy.deep(tree.get("root"), LIGHT_WORK)).as("light work in %s", tree).isZero();
			inTrees += SamplerAccuracy.deep(tree.get("root"), HEAVY_WORK);
		}
		long ofRoute = SamplerAccuracy
			.deep(client.getJson(client.profiling("/tree?tag=" + encode(heavyRoute))).get("root"), HEAVY_WORK);
		assertThat(ofRoute).as("heavy work of the route").isGreaterThan(100);
		assertThat(100.0 * inTrees / ofRoute).as("share of the route's heavy work in its requests' trees")
			.isGreaterThanOrEqualTo(95);
	}

	/**
	 * {@code rounds} requests to each of the two routes from four clients, interleaved.
	 */
	private static void load(EndpointClient client, String where, int rounds) throws Exception {
		Clients.inParallel(4, (c) -> {
			String path = "/" + where + ((c % 2 == 0) ? "/heavy" : "/light");
			for (int i = 0; i < rounds / 2; i++) {
				assertThat(client.get(client.base() + path).statusCode()).as(path).isEqualTo(200);
			}
		});
	}

}
