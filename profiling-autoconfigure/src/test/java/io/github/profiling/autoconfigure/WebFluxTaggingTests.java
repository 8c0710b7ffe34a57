package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.reactiveapp.ReactiveWorkloadApplication;
import io.github.profiling.context.ProfilingContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux requests' tags beyond the route: header tags follow the work to
 * {@code boundedElastic}, each sample under its own request's value, and the route
 * follows the work into the callback of a {@code WebClient} call.
 */
@DirtiesContext
@SpringBootTest(classes = ReactiveWorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.interval=2ms",
				"management.profiling.tags.headers=X-Tenant" })
class WebFluxTaggingTests {

	private static final String LIGHT = ReactiveWorkloadApplication.class.getName() + "$Loops.light";

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void eachSampleCarriesTheTenantOfItsOwnRequest() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.reset();
		load("/elastic/light", 4, 15, true);
		long all = work(client, "http.route:/elastic/light");
		long a = work(client, "http.route:/elastic/light,x-tenant:a");
		long b = work(client, "http.route:/elastic/light,x-tenant:b");
		assertThat(all).as("samples of the work").isGreaterThan(100);
		assertThat(a).as("tenant a's share").isBetween(all / 4, 3 * all / 4);
		assertThat(100.0 * (a + b) / all).as("share of the work under a tenant").isGreaterThanOrEqualTo(97);
	}

	@Test
	void noThreadStaysTaggedOnceItsRequestsAreServed() throws Exception {
		load("/hop/light", 4, 5, true);
		load("/client/light", 4, 5, false);
		// Every scope closed on its own thread: event loops and schedulers carry no tags.
		LiveStreamLimitsTests.awaitTrue(() -> reactorThreadsWithTags().isEmpty(), Duration.ofSeconds(10));
	}

	private static List<String> reactorThreadsWithTags() {
		List<String> tagged = new ArrayList<>();
		ProfilingContext.global().forEachActiveThread((thread) -> {
			String name = thread.getName();
			if (name.startsWith("workload-http") || name.startsWith("reactor-http") || name.startsWith("boundedElastic")
					|| name.startsWith("parallel")) {
				tagged.add(name + " " + ProfilingContext.global().tagsOf(thread));
			}
		});
		return tagged;
	}

	@Test
	void theRouteFollowsTheWorkIntoAWebClientCallback() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.reset();
		load("/client/light", 4, 15, false);
		long all = SamplerAccuracy.deep(client.getJson(client.profiling("/tree")).get("root"), LIGHT);
		long tagged = work(client, "http.route:/client/light");
		assertThat(all).as("samples of the work").isGreaterThan(100);
		assertThat(100.0 * tagged / all).as("share of the work under its route").isGreaterThanOrEqualTo(85);
	}

	private static long work(EndpointClient client, String tags) {
		JsonNode tree = client.getJson(client.profiling("/tree?tag=" + encode(tags)));
		TreeAssertions.assertInvariants(tree);
		return SamplerAccuracy.deep(tree.get("root"), LIGHT);
	}

	/** Each client sends {@code requests}, the tenant alternating between requests. */
	private void load(String path, int clients, int requests, boolean tenants) throws Exception {
		Clients.inParallel(clients, (c) -> {
			for (int i = 0; i < requests; i++) {
				HttpRequest.Builder request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
				if (tenants) {
					request.header("X-Tenant", ((c + i) % 2 == 0) ? "a" : "b");
				}
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
		});
	}

}
