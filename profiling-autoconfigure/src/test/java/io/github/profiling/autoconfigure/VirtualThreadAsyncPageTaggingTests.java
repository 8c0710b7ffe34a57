package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.pageapp.PageApplication;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static io.github.profiling.autoconfigure.PageTagging.PHASE;
import static io.github.profiling.autoconfigure.PageTagging.PHASES;
import static io.github.profiling.autoconfigure.PageTagging.ROUTE;
import static io.github.profiling.autoconfigure.PageTagging.ROUTES;
import static io.github.profiling.autoconfigure.PageTagging.TENANT;
import static io.github.profiling.autoconfigure.PageTagging.TENANTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code async} chosen by name on a virtual-thread application, under the load of
 * {@link VirtualThreadPageTaggingTests}: async-profiler samples the carriers, which serve
 * many requests in turn, so the header tag and the user scope of a request are lost for
 * its samples, but never replaced by another request's: no sample of one tenant's,
 * phase's or route's work carries another's. Runs on a JDK 21+ only (the build runs it on
 * {@code virtual-threads.jdk}, in a JVM where jfr has not run).
 */
@DirtiesContext
@SpringBootTest(classes = PageApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=async", "management.profiling.interval=5ms",
				"management.profiling.tags.headers=X-Tenant", "spring.threads.virtual.enabled=true" })
class VirtualThreadAsyncPageTaggingTests {

	@LocalServerPort
	int port;

	@BeforeAll
	static void needsVirtualThreads() {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
	}

	@Test
	void lostTagsAreAbsentNeverAnotherRequests() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		JsonNode status = client.getJson(client.profiling(""));
		assertThat(status.get("sampler").asString()).isEqualTo("async");
		assertThat(status.get("state").asString()).isEqualTo("running");
		assertThat(status.get("samplers").get("async").get("reason").asString())
			.contains("virtual threads tagged from their handler frame");

		PageTagging.load(client.base(), 4, 160, 1, 2);

		JsonNode tree = SamplerAccuracy.settled(client, client.profiling("/tree"));
		Map<String, Long> all = PageTagging.workBySignature(tree);
		assertThat(all).as("samples of each route, tenant and phase: %s", all)
			.hasSize(ROUTES.length * TENANTS.length * PHASES.length);
		for (long weight : all.values()) {
			assertThat(weight).as("samples of each route, tenant and phase: %s", all).isGreaterThanOrEqualTo(40);
		}
		for (String tenant : TENANTS) {
			Map<String, Long> tagged = tagged(client, "x-tenant:" + tenant);
			assertThat(PageTagging.weightOfOthers(tagged, TENANT, tenant))
				.as("other tenants' work tagged x-tenant:%s: %s", tenant, tagged)
				.isZero();
		}
		for (String phase : PHASES) {
			Map<String, Long> tagged = tagged(client, "phase:" + phase);
			assertThat(PageTagging.weightOfOthers(tagged, PHASE, phase))
				.as("other phases' work tagged phase:%s: %s", phase, tagged)
				.isZero();
		}
		for (String route : ROUTES) {
			Map<String, Long> tagged = tagged(client, "http.route:/" + route + "/{n}");
			assertThat(PageTagging.weightOfOthers(tagged, ROUTE, route))
				.as("other routes' work tagged http.route:/%s/{n}: %s", route, tagged)
				.isZero();
		}
		System.out.printf("[virtual-threads] sampler=async pages: all %s; tagged x-tenant:one %s, x-tenant:two %s%n",
				all, tagged(client, "x-tenant:one"), tagged(client, "x-tenant:two"));
	}

	/** Whose work the samples tagged {@code filter} are. */
	private static Map<String, Long> tagged(EndpointClient client, String filter) {
		return PageTagging.workBySignature(client.getJson(client.profiling("/tree?tag=" + encode(filter))));
	}

}
