package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The accuracy suite on the jfr sampler's CPU-time sampling ({@code jdk.CPUTimeSample},
 * JDK 25+ on Linux), with requests served on virtual threads, which it samples as
 * themselves. The build runs it on {@code virtual-threads.jdk} in a JVM of its own: once
 * async-profiler has run in a JVM, JFR's CPU-time sampler cannot start there.
 */
@DirtiesContext
@SpringBootTest(classes = WorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jfr", "spring.threads.virtual.enabled=true" })
class VirtualThreadJfrCpuTimeSamplingAccuracyTests {

	@LocalServerPort
	int port;

	@Test
	void readsTheWorkloadRight() throws Exception {
		SamplerAccuracy.checkCpuTimeSampling(new EndpointClient(this.port), "virtual");
	}

}
