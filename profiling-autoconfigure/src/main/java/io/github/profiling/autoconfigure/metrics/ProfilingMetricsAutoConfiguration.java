package io.github.profiling.autoconfigure.metrics;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.autoconfigure.endpoint.LiveStreams;
import io.github.profiling.profiler.Profiler;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The profiler's own meters, whenever Micrometer is on the class path: independent of the
 * actuator endpoint (the live-stream gauge only when the endpoint, which serves them,
 * exists).
 */
@AutoConfiguration(after = ProfilingAutoConfiguration.class)
@ConditionalOnSupportedSpringBoot
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(Profiler.class)
public final class ProfilingMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProfilingMetrics profilingMetrics(Profiler profiler, ObjectProvider<LiveStreams> liveStreams,
			ObjectProvider<RoutesSource> routes) {
		RoutesSource source = routes.getIfAvailable();
		return new ProfilingMetrics(profiler, liveStreams::getIfAvailable, (source != null) ? source : List::of);
	}

	/** The application's routes, for one gauge each. */
	interface RoutesSource extends Supplier<List<String>> {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestMappingHandlerMapping.class)
	static class MvcRoutesConfiguration {

		@Bean
		RoutesSource profilingMetricsRoutes(ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			// The application's own routes (not the actuator's), read when the registry
			// binds the
			// meters, after all singletons exist.
			return () -> {
				Set<String> routes = new TreeSet<>();
				handlerMappings.orderedStream()
					.forEach((mapping) -> mapping.getHandlerMethods()
						.keySet()
						.forEach((info) -> routes.addAll(info.getPatternValues())));
				return List.copyOf(routes);
			};
		}

	}

}
