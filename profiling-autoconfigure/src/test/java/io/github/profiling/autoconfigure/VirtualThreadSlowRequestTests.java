package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.requestsapp.SlowRequestApplication;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slowest requests' own trees with requests served on virtual threads (JDK 21+), on
 * the samplers that see a virtual thread as itself: {@code jfr} and {@code jdk}.
 * async-profiler sees only the carrier, which serves many requests in turn, so it cannot
 * tell which request a sample was taken for (the README says more).
 */
@DirtiesContext
@SpringBootTest(classes = SlowRequestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"spring.threads.virtual.enabled=true", SlowRequests.PROPERTIES_HEADER,
				SlowRequests.PROPERTIES_KEEP_ALL })
class VirtualThreadSlowRequestTests {

	@LocalServerPort
	int port;

	@BeforeAll
	static void needsVirtualThreads() {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jfr", "jdk" })
	void keepsTheSlowestRequestsWithTheirOwnTrees(String sampler) throws Exception {
		SlowRequests.check(new EndpointClient(this.port), sampler);
	}

}
