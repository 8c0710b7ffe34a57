package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.pageapp.PageApplication;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

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
 * Every tag right on virtual threads with the sampler {@code auto} picks: a page's work
 * runs partly in a {@code @ModelAttribute} method and partly in a view rendered after the
 * handler returned, each part in a user scope, for two routes and two tenants
 * ({@code X-Tenant}, a header tag) interleaved on the same carriers, {@code beta} doing
 * twice the work of {@code alpha}. Each sample of a (route, tenant, phase) must carry
 * that route, tenant and phase, none another request's tenant, and the routes' work must
 * weigh 2:1. async-profiler sees only the carriers, so {@code auto} must not pick it
 * here, and the status must say why. Runs on a JDK 21+ only (the build runs it on
 * {@code virtual-threads.jdk}).
 */
@DirtiesContext
@SpringBootTest(classes = PageApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.interval=5ms", "management.profiling.tags.headers=X-Tenant",
				"spring.threads.virtual.enabled=true" })
class VirtualThreadPageTaggingTests {

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
			.startsWith("not chosen by auto: requests run on virtual threads (spring.threads.virtual.enabled=true)")
			.contains("every header and user tag would be lost");

		// Warm up (JIT), let late samples of the warm-up arrive, then measure from a
		// clean store.
		PageTagging.load(client.base(), 4, 16, 1, 2);
		Thread.sleep(1500);
		client.reset();
		PageTagging.load(client.base(), 4, 160, 1, 2);

		// What each (route, tenant, phase) did, whatever its tags, once the samples
		// arrived.
		JsonNode tree = SamplerAccuracy.settled(client, client.profiling("/tree"));
		Map<String, Long> all = PageTagging.workBySignature(tree);
		assertThat(all)
			.as("samples of each route, tenant and phase: %s; %d samples, work frames %s", all,
					tree.get("samples").asLong(), PageTagging.framesNamed(tree.get("root"), "Work", new TreeSet<>()))
			.hasSize(ROUTES.length * TENANTS.length * PHASES.length);
		for (String route : ROUTES) {
			for (String tenant : TENANTS) {
				for (String phase : PHASES) {
					String signature = route + "," + tenant + "," + phase;
					String filter = "http.route:/" + route + "/{n},x-tenant:" + tenant + ",phase:" + phase;
					Map<String, Long> tagged = tagged(client, filter);
					long own = tagged.getOrDefault(signature, 0L);
					long others = tagged.values().stream().mapToLong(Long::longValue).sum() - own;
					long total = all.getOrDefault(signature, 0L);
					assertThat(total).as("samples of %s", signature).isGreaterThanOrEqualTo(40);
					assertThat(own).as("samples of %s tagged %s, of %d; all: %s", signature, filter, total, all)
						.isGreaterThanOrEqualTo(total * 85 / 100);
					assertThat(others).as("other work tagged %s: %s", filter, tagged)
						.isLessThanOrEqualTo((own + others) * 3 / 100);
				}
			}
		}
		// A virtual thread serves one request: no sample can be another's.
		for (String tenant : TENANTS) {
			Map<String, Long> tagged = tagged(client, "x-tenant:" + tenant);
			assertThat(PageTagging.weightOf(tagged, TENANT, tenant)).as("work tagged x-tenant:%s", tenant)
				.isGreaterThanOrEqualTo(PageTagging.weightOf(all, TENANT, tenant) * 85 / 100);
			assertThat(PageTagging.weightOfOthers(tagged, TENANT, tenant))
				.as("other tenants' work tagged x-tenant:%s: %s", tenant, tagged)
				.isZero();
		}
		for (String phase : PHASES) {
			Map<String, Long> tagged = tagged(client, "phase:" + phase);
			assertThat(PageTagging.weightOf(tagged, PHASE, phase)).as("work tagged phase:%s", phase)
				.isGreaterThanOrEqualTo(PageTagging.weightOf(all, PHASE, phase) * 85 / 100);
			assertThat(PageTagging.weightOfOthers(tagged, PHASE, phase))
				.as("other phases' work tagged phase:%s: %s", phase, tagged)
				.isLessThanOrEqualTo(PageTagging.weightOf(tagged, PHASE, phase) * 3 / 100);
		}
		Map<String, Long> routeWork = new HashMap<>();
		for (String route : ROUTES) {
			routeWork.put(route, PageTagging.weightOf(tagged(client, "http.route:/" + route + "/{n}"), ROUTE, route));
		}
		double ratio = (double) routeWork.get("beta") / Math.max(1, routeWork.get("alpha"));
		System.out.printf("[virtual-threads] sampler=jfr pages: route work beta/alpha %.3f %s; all %s%n", ratio,
				routeWork, all);
		assertThat(ratio).as("work tagged /beta over /alpha: %s", routeWork).isBetween(2 * 0.85, 2 * 1.15);
	}

	/** Whose work the samples tagged {@code filter} are. */
	private static Map<String, Long> tagged(EndpointClient client, String filter) {
		return PageTagging.workBySignature(client.getJson(client.profiling("/tree?tag=" + encode(filter))));
	}

}
