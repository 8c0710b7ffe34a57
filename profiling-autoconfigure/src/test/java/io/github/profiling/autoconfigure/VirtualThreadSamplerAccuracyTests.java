package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy suite with requests served on virtual threads (JDK 21+; the build runs it
 * on {@code virtual-threads.jdk}). {@code jfr} sees virtual threads as themselves;
 * {@code async} sees their carriers and tags by the handler frame on the stack;
 * {@code jdk} samples the virtual threads that request tagging tells it about.
 */
// async first, by name: on JDK 25 async-profiler 4.5 does not start in a JVM where jfr
// ran before it
// (the pom says more), and auto would start jfr on this virtual-thread application.
@DirtiesContext
@SpringBootTest(classes = WorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=async", "spring.threads.virtual.enabled=true" })
class VirtualThreadSamplerAccuracyTests {

	@LocalServerPort
	int port;

	@BeforeAll
	static void needsVirtualThreads() {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
	}

	@ParameterizedTest
	@ValueSource(strings = { "async", "jfr", "jdk" })
	void readsTheWorkloadRight(String sampler) throws Exception {
		SamplerAccuracy.check(new EndpointClient(this.port), sampler, "virtual");
	}

}
