package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.autoconfigure.ProfilingProperties;
import io.github.profiling.profiler.Profiler;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.Flux;

/**
 * The {@code profiling} actuator endpoint, when the actuator is present and the endpoint
 * is available (enabled and exposed). The profiler does not depend on it: without the
 * endpoint it runs all the same, read through the {@link Profiler} bean. On a servlet
 * server the actuator serves it; on a reactive one the views are routed to it by
 * {@link ProfilingWebFluxViews}.
 */
@AutoConfiguration(after = { ProfilingAutoConfiguration.class, EndpointAutoConfiguration.class })
@ConditionalOnSupportedSpringBoot
@ConditionalOnWebApplication
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(Profiler.class)
@ConditionalOnAvailableEndpoint(ProfilingEndpoint.class)
public final class ProfilingEndpointAutoConfiguration {

	private static final EndpointId PROFILING = EndpointId.of("profiling");

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LiveStreams profilingLiveStreams(Profiler profiler, ProfilingProperties properties) {
		return new LiveStreams(profiler, properties.getLive().getMaxStreams());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(SseEmitter.class)
	static class ServletEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProfilingEndpoint profilingEndpoint(Profiler profiler, LiveStreams liveStreams, ProfilingProperties properties,
				Environment environment, ObjectProvider<EndpointAccessResolver> accessResolver,
				ListableBeanFactory beans) {
			return endpoint(new ServletLiveTransport(), profiler, liveStreams, properties, environment, accessResolver,
					beans);
		}

		/**
		 * A clear answer to a refused change, on the application's own port (a separate
		 * management server answers with the actuator's plain 405).
		 */
		@Bean
		@ConditionalOnManagementPort(ManagementPortType.SAME)
		FilterRegistrationBean<ReadOnlyRefusalFilter> profilingReadOnlyRefusalFilter(
				ObjectProvider<EndpointAccessResolver> accessResolver, ObjectProvider<PathMappedEndpoints> endpoints,
				Environment environment) {
			FilterRegistrationBean<ReadOnlyRefusalFilter> registration = new FilterRegistrationBean<>(
					new ReadOnlyRefusalFilter(refusedPath(accessResolver, endpoints, environment)));
			registration.setName("profilingReadOnlyRefusalFilter");
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ RouterFunctionMapping.class, Flux.class })
	static class ReactiveEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProfilingEndpoint profilingEndpoint(Profiler profiler, LiveStreams liveStreams, ProfilingProperties properties,
				Environment environment, ObjectProvider<EndpointAccessResolver> accessResolver,
				ListableBeanFactory beans) {
			return endpoint(new ReactiveLiveTransport(), profiler, liveStreams, properties, environment, accessResolver,
					beans);
		}

		/** A clear answer to a refused change, as on a servlet server. */
		@Bean
		@ConditionalOnManagementPort(ManagementPortType.SAME)
		ReadOnlyRefusalWebFilter profilingReadOnlyRefusalWebFilter(
				ObjectProvider<EndpointAccessResolver> accessResolver, ObjectProvider<PathMappedEndpoints> endpoints,
				Environment environment) {
			return new ReadOnlyRefusalWebFilter(refusedPath(accessResolver, endpoints, environment));
		}

		/**
		 * The views on the application's own port; on a separate management server
		 * {@link ProfilingWebFluxManagementContextConfiguration} maps them.
		 */
		@Bean
		@ConditionalOnManagementPort(ManagementPortType.SAME)
		RouterFunctionMapping profilingWebFluxViews(ProfilingEndpoint endpoint, PathMappedEndpoints endpoints) {
			return new ProfilingWebFluxViews(endpoint).mapping(endpoints.getPath(PROFILING));
		}

	}

	/**
	 * The path a {@code POST} is refused on, read at the first request (paths are known
	 * once the endpoints are discovered), or {@code null} when changes are allowed.
	 */
	private static Supplier<String> refusedPath(ObjectProvider<EndpointAccessResolver> accessResolver,
			ObjectProvider<PathMappedEndpoints> endpoints, Environment environment) {
		boolean changesAllowed = access(accessResolver, environment) == Access.UNRESTRICTED;
		Supplier<String> path = SingletonSupplier.of(() -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			return (mapped != null) ? mapped.getPath(PROFILING) : null;
		});
		return () -> changesAllowed ? null : path.get();
	}

	private static ProfilingEndpoint endpoint(LiveTransport transport, Profiler profiler, LiveStreams liveStreams,
			ProfilingProperties properties, Environment environment,
			ObjectProvider<EndpointAccessResolver> accessResolver, ListableBeanFactory beans) {
		// The packages of the @SpringBootApplication class: where focus=app starts the
		// views.
		List<String> packages = AutoConfigurationPackages.has(beans) ? AutoConfigurationPackages.get(beans) : List.of();
		return new ProfilingEndpoint(profiler, liveStreams, transport, properties.getRetention(),
				properties.getLive().getInterval(), environment.getProperty("spring.application.name", "application"),
				access(accessResolver, environment) == Access.UNRESTRICTED, properties.getJfr().isIncludeEnvironment(),
				packages);
	}

	/**
	 * The access the actuator grants ({@code management.endpoint.profiling.access},
	 * capped by {@code management.endpoints.access.max-permitted}), so that the status
	 * can tell clients.
	 */
	private static Access access(ObjectProvider<EndpointAccessResolver> accessResolver, Environment environment) {
		EndpointAccessResolver resolver = accessResolver
			.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment));
		return resolver.accessFor(PROFILING, Access.READ_ONLY);
	}

}
