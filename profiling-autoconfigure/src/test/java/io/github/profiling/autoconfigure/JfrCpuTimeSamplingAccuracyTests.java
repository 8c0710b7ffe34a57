package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy suite on the jfr sampler's CPU-time sampling ({@code jdk.CPUTimeSample},
 * JDK 25+ on Linux), on platform threads. The build runs it on
 * {@code virtual-threads.jdk} in a JVM of its own: once async-profiler has run in a JVM,
 * JFR's CPU-time sampler cannot start there.
 */
@DirtiesContext
@SpringBootTest(classes = WorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jfr" })
class JfrCpuTimeSamplingAccuracyTests {

	@LocalServerPort
	int port;

	@BeforeAll
	static void needsCpuTimeSampling() {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 25+").isGreaterThanOrEqualTo(25);
		assertThat(System.getProperty("os.name")).as("JFR samples by CPU time on Linux").startsWith("Linux");
	}

	@Test
	void readsTheWorkloadRight() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.getJson(client.profiling("")).path("samplers").path("jfr").path("reason").asString(""))
			.contains("jdk.CPUTimeSample");
		// At 10 ms: CPU timers fire at the kernel's tick, 4 ms apart at HZ=250.
		SamplerAccuracy.check(client, "jfr", "platform", 10, 320);
	}

}
