package io.github.profiling.autoconfigure;

import io.github.profiling.tracingapp.TracingTestApplication;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static io.github.profiling.autoconfigure.TracingTestSupport.PRICE;
import static io.github.profiling.autoconfigure.TracingTestSupport.TOTAL;
import static io.github.profiling.autoconfigure.TracingTestSupport.UNIT_PRICE;
import static io.github.profiling.autoconfigure.TracingTestSupport.calls;
import static io.github.profiling.autoconfigure.TracingTestSupport.child;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing requests served on virtual threads: each virtual thread records its own calls,
 * and the counts per route are exact. Runs on a JDK 21+ only, in the build's second
 * Surefire execution ({@code virtual-threads.jdk}); it fails rather than passes vacuously
 * elsewhere.
 */
@DirtiesContext
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=tracing",
				"management.profiling.tracing.include=io.github.profiling.tracingapp.**",
				"spring.threads.virtual.enabled=true" })
class VirtualThreadTracingTests {

	@LocalServerPort
	int port;

	@Test
	void callsOnVirtualThreadsAreCountedExactlyPerRoute() throws Exception {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
		EndpointClient client = new EndpointClient(this.port);
		TracingTestSupport.load(this.port, "/price/4", 4, 60);
		TracingTestSupport.load(this.port, "/stock/1", 4, 20);
		assertThat(TracingTestApplication.SERVING_THREAD_CLASSES).as("requests ran on virtual threads")
			.containsExactly("java.lang.VirtualThread");
		JsonNode tree = client.getJson(client.profiling("/tree?tag=" + encode("http.route:/price/{items}")));
		TreeAssertions.assertInvariants(tree);
		JsonNode price = child(tree.get("root"), PRICE);
		assertThat(calls(price)).isEqualTo(60);
		assertThat(calls(child(child(price, TOTAL), UNIT_PRICE))).isEqualTo(240);
		JsonNode status = client.getJson(client.profiling(""));
		assertThat(status.get("sampler").asString()).isEqualTo("tracer");
	}

}
