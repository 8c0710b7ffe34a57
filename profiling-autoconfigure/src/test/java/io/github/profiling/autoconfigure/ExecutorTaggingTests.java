package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.executorapp.ExecutorApplication;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tags follow a request's work to the threads of executors that propagate Micrometer
 * context ({@code @Async} on a decorated task executor, a {@code ThreadPoolTaskExecutor}
 * with {@code ContextPropagatingTaskDecorator}, a pool wrapped by
 * {@code ContextExecutorService}), and never leak where it is not propagated: work handed
 * to the same pool unwrapped shows untagged, under no request's route, although the
 * pool's threads ran tagged tasks of other requests just before. Every route is loaded at
 * once, interleaved.
 */
@DirtiesContext
@SpringBootTest(classes = ExecutorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling" })
class ExecutorTaggingTests {

	private static final String WORK = ExecutorApplication.class.getName() + "$Work.";

	/** The propagating routes, each with the work method its requests hand off. */
	private static final Map<String, String> PROPAGATED = Map.of("/async/{n}", WORK + "async", "/decorated/{n}",
			WORK + "decorated", "/wrapped/{n}", WORK + "wrapped");

	private static final String PLAIN_ROUTE = "/plain/{n}";

	private static final String PLAIN_WORK = WORK + "plain";

	private static final List<String> PATHS = List.of("/async/3", "/decorated/3", "/wrapped/3", "/plain/3");

	private static final int ROUNDS = 40;

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "jfr", "async" })
	void tagsFollowPropagatedWorkAndNeverLeakToUnpropagatedWork(String sampler) throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.useSampler(sampler);
		load(client, 5);
		Thread.sleep(1500);
		client.reset();
		load(client, ROUNDS);

		JsonNode all = SamplerAccuracy.settled(client, client.profiling("/tree"));
		Map<String, JsonNode> byRoute = new LinkedHashMap<>();
		for (String route : List.of("/async/{n}", "/decorated/{n}", "/wrapped/{n}", PLAIN_ROUTE)) {
			byRoute.put(route, client.getJson(client.profiling("/tree?tag=" + encode("http.route:" + route))));
		}
		for (Map.Entry<String, String> route : PROPAGATED.entrySet()) {
			JsonNode tree = byRoute.get(route.getKey());
			TreeAssertions.assertInvariants(tree);
			long work = SamplerAccuracy.deep(all.get("root"), route.getValue());
			long tagged = SamplerAccuracy.deep(tree.get("root"), route.getValue());
			assertThat(work).as("samples of %s", route.getValue()).isGreaterThan(100);
			assertThat(100.0 * tagged / work).as("share of %s under %s", route.getValue(), route.getKey())
				.isGreaterThanOrEqualTo(85);
			long others = 0;
			for (String otherWork : List.of(WORK + "async", WORK + "decorated", WORK + "wrapped", PLAIN_WORK)) {
				if (!otherWork.equals(route.getValue())) {
					others += SamplerAccuracy.deep(tree.get("root"), otherWork);
				}
			}
			assertThat(100.0 * others / tree.get("samples").asLong()).as("other routes' work under %s", route.getKey())
				.isLessThan(3);
		}
		long plain = SamplerAccuracy.deep(all.get("root"), PLAIN_WORK);
		long plainTagged = 0;
		for (JsonNode tree : byRoute.values()) {
			plainTagged += SamplerAccuracy.deep(tree.get("root"), PLAIN_WORK);
		}
		assertThat(plain).as("samples of the unpropagated work").isGreaterThan(100);
		assertThat(100.0 * plainTagged / plain).as("share of the unpropagated work under some route").isLessThan(3);
	}

	/**
	 * {@code rounds} requests to every route from four clients, each going round them.
	 */
	private static void load(EndpointClient client, int rounds) throws Exception {
		Clients.inParallel(PATHS.size(), (c) -> {
			for (int i = 0; i < rounds; i++) {
				String path = PATHS.get((c + i) % PATHS.size());
				assertThat(client.get(client.base() + path).statusCode()).as(path).isEqualTo(200);
			}
		});
	}

}
