package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.autoconfigure.ProfilingProperties;
import io.github.profiling.profiler.Profiler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The {@code profiling} actuator endpoint, when the actuator is present and the endpoint is
 * available (enabled and exposed). The profiler does not depend on it: without the endpoint it
 * runs all the same, read through the {@link Profiler} bean.
 */
@AutoConfiguration(after = { ProfilingAutoConfiguration.class, EndpointAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Endpoint.class, SseEmitter.class })
@ConditionalOnBean(Profiler.class)
@ConditionalOnAvailableEndpoint(ProfilingEndpoint.class)
public final class ProfilingEndpointAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LiveStreams profilingLiveStreams(Profiler profiler, ProfilingProperties properties) {
		return new LiveStreams(profiler, properties.getLive().getMaxStreams());
	}

	@Bean
	@ConditionalOnMissingBean
	ProfilingEndpoint profilingEndpoint(Profiler profiler, LiveStreams liveStreams, ProfilingProperties properties,
			Environment environment, ObjectProvider<EndpointAccessResolver> accessResolver) {
		// The access the actuator grants (management.endpoint.profiling.access, capped by
		// management.endpoints.access.max-permitted), so that the status can tell clients.
		EndpointAccessResolver resolver = accessResolver
			.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment));
		Access access = resolver.accessFor(EndpointId.of("profiling"), Access.READ_ONLY);
		return new ProfilingEndpoint(profiler, liveStreams, properties.getRetention(),
				properties.getLive().getInterval(), environment.getProperty("spring.application.name", "application"),
				access == Access.UNRESTRICTED, properties.getJfr().isIncludeEnvironment());
	}

}
