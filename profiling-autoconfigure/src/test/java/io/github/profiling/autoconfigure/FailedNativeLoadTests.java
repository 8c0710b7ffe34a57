package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.JdkSamplerProvider;
import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;
import io.github.profiling.profiler.Mode;
import io.github.profiling.sampler.SamplingEvent;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * async-profiler's native library failing to load (here: a loader that throws as on an
 * unsupported platform) leaves the application serving, profiling on {@code jfr}, and the
 * status saying why {@code async} is not used.
 */
@DirtiesContext
@SpringBootTest(classes = { WorkloadApplication.class, FailedNativeLoadTests.FailingAsyncProfiler.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=profiling")
class FailedNativeLoadTests {

	@LocalServerPort
	int port;

	@Test
	void appServesOnJfrAndTheStatusSaysWhy() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.load("/light", 2, 20);
		JsonNode status = client.getJson(client.profiling(""));
		assertThat(status.get("running").asBoolean()).isTrue();
		assertThat(status.get("sampler").asString()).isEqualTo("jfr");
		assertThat(status.get("samplers").get("async").get("available").asBoolean()).isFalse();
		assertThat(status.get("samplers").get("async").get("reason").asString()).contains("could not be loaded")
			.contains("wrong ELF class");
		assertThat(status.get("samplers").get("jfr").get("available").asBoolean()).isTrue();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingAsyncProfiler {

		@Bean(destroyMethod = "close")
		Profiler profiler() {
			AsyncProfilerSamplerProvider failing = new AsyncProfilerSamplerProvider(() -> {
				throw new UnsatisfiedLinkError("libasyncProfiler.so: wrong ELF class: ELFCLASS32");
			});
			Profiler profiler = new Profiler(List.of(failing, new JfrSamplerProvider(), new JdkSamplerProvider()),
					ProfilingContext.global(), ProfilingClock.SYSTEM, Duration.ofMinutes(1), 10_000);
			profiler.applyAtStartup(new ProfilerSettings(Mode.SAMPLING, ProfilerSettings.AUTO, SamplingEvent.CPU,
					Duration.ofMillis(10)));
			return profiler;
		}

	}

}
