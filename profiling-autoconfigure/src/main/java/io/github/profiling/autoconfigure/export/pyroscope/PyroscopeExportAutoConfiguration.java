package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.profiler.Profiler;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Pushes profiles to Grafana Pyroscope when
 * {@code management.profiling.export.pyroscope.url} is set: needs only the profiler, so
 * it pushes whether or not the actuator endpoint is exposed.
 */
@AutoConfiguration(after = ProfilingAutoConfiguration.class)
@ConditionalOnSupportedSpringBoot
@ConditionalOnBean(Profiler.class)
@ConditionalOnProperty(prefix = "management.profiling.export.pyroscope", name = "url")
@EnableConfigurationProperties(PyroscopeExportProperties.class)
public final class PyroscopeExportAutoConfiguration {

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	PyroscopeExporter pyroscopeExporter(Profiler profiler, PyroscopeExportProperties properties,
			Environment environment) {
		Map<String, String> labels = new LinkedHashMap<>(properties.getLabels());
		labels.put("service_name", (properties.getServiceName() != null) ? properties.getServiceName()
				: environment.getProperty("spring.application.name", "application"));
		labels.put("instance", (properties.getInstance() != null) ? properties.getInstance() : hostName());
		PyroscopeExporter exporter = new PyroscopeExporter(profiler, properties.getUrl(), properties.getInterval(),
				properties.getTimeout(), properties.getQueueCapacity(), labels,
				PyroscopeExporter.headers(properties.getUser(), properties.getPassword(), properties.getToken(),
						properties.getTenantId()));
		return exporter;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PyroscopeExportMetrics pyroscopeExportMetrics(PyroscopeExporter exporter) {
			return new PyroscopeExportMetrics(exporter);
		}

	}

}
