package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests served on virtual threads still get route-tagged samples. Virtual threads are
 * absent from {@code Thread.getAllStackTraces()}, so the sampler must find them through
 * request tagging. Runs on a JDK 21+ only: the build runs this class in a second Surefire
 * execution on that JDK ({@code virtual-threads.jdk}); it fails rather than passes
 * vacuously elsewhere.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "spring.threads.virtual.enabled=true" })
class VirtualThreadRequestTaggingTests {

	@LocalServerPort
	int port;

	@Test
	void requestsOnVirtualThreadsAreSampledAndTaggedWithTheirRoute() throws Exception {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
		EndpointClient client = new EndpointClient(this.port);
		client.load("/4000", 2, 200);
		assertThat(TestApplication.SERVING_THREAD_CLASSES).as("requests ran on virtual threads")
			.containsExactly("java.lang.VirtualThread");
		JsonNode tree = client.getJson(client.profiling("/tree?tag=" + encode("http.route:/{n}")));
		TreeAssertions.assertInvariants(tree);
		long samples = tree.get("samples").asLong();
		assertThat(samples).isGreaterThan(20);
		assertThat(TreeAssertions.ownUnder(tree, "java.math.")).as("OWN in java.math of %d samples", samples)
			.isGreaterThan(samples / 2);
		assertThat(TreeAssertions.hasFrame(tree.get("root"),
				"io.github.profiling.autoconfigure.testapp.TestApplication$FactorialController.factorial"))
			.isTrue();
	}

}
