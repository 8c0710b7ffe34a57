package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every sampler reads a 2:1 workload as 2:1 and charges each route's work to that route,
 * on platform threads. The build runs this class on the default JDK and again on the JDK
 * 21+ of {@code virtual-threads.jdk}.
 */
@DirtiesContext
@SpringBootTest(classes = WorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling" })
class SamplerAccuracyTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "async", "jfr", "jdk" })
	void readsTheWorkloadRight(String sampler) throws Exception {
		SamplerAccuracy.check(new EndpointClient(this.port), sampler, "platform");
	}

}
