package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.SamplerProviders;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the exporter exists: a URL and a profiler, and never at the cost of the
 * application.
 */
class PyroscopeExportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PyroscopeExportAutoConfiguration.class));

	@Test
	void offWithoutAUrl() {
		this.runner.withUserConfiguration(ProfilerConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PyroscopeExporter.class));
	}

	@Test
	void offWithoutAProfiler() {
		this.runner.withPropertyValues("management.profiling.export.pyroscope.url=http://127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PyroscopeExporter.class));
	}

	@Test
	void onWithAUrlAndAProfilerWithItsMetrics() {
		this.runner.withUserConfiguration(ProfilerConfiguration.class)
			.withPropertyValues("management.profiling.export.pyroscope.url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasSingleBean(PyroscopeExporter.class).hasSingleBean(PyroscopeExportMetrics.class);
				assertThat(context.getBean(PyroscopeExporter.class).status()).containsEntry("state", "running")
					.containsEntry("url", "http://127.0.0.1:1/push.v1.PusherService/Push");
			});
	}

	@Test
	void aBadSettingIsAProblemInTheStatusNotAFailedStart() {
		for (String[] setting : new String[][] { { "url", "pyroscope:4040" }, { "url", "ftp://pyroscope" },
				{ "url", "http://bad host" }, { "interval", "0s" }, { "timeout", "-1s" }, { "queue-capacity", "0" } }) {
			this.runner.withUserConfiguration(ProfilerConfiguration.class)
				.withPropertyValues("management.profiling.export.pyroscope.url=http://127.0.0.1:1",
						"management.profiling.export.pyroscope." + setting[0] + "=" + setting[1])
				.run((context) -> {
					assertThat(context).hasNotFailed();
					PyroscopeExporter exporter = context.getBean(PyroscopeExporter.class);
					assertThat(exporter.status()).as("%s=%s", setting[0], setting[1]).containsEntry("state", "off");
					assertThat(exporter.status().get("lastError").toString())
						.contains("management.profiling.export.pyroscope." + setting[0]);
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ProfilerConfiguration {

		@Bean(destroyMethod = "close")
		Profiler profiler() {
			return new Profiler(SamplerProviders.installed(), ProfilingContext.global(), ProfilingClock.SYSTEM,
					Duration.ofMinutes(1), 10_000);
		}

	}

}
