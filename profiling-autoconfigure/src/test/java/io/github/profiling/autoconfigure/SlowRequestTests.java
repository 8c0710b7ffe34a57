package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.requestsapp.SlowRequestApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The slowest requests' own trees on platform threads, on every sampler (see
 * {@link SlowRequests}).
 */
@DirtiesContext
@SpringBootTest(classes = SlowRequestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				SlowRequests.PROPERTIES_HEADER, SlowRequests.PROPERTIES_KEEP_ALL })
class SlowRequestTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "jfr", "async" })
	void keepsTheSlowestRequestsWithTheirOwnTrees(String sampler) throws Exception {
		SlowRequests.check(new EndpointClient(this.port), sampler);
	}

}
