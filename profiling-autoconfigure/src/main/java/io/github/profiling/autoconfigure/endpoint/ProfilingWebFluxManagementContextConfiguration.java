package io.github.profiling.autoconfigure.endpoint;

import reactor.core.publisher.Flux;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * The views on a reactive application's separate management server
 * ({@code management.server.port}): the same route as on the application's own port, in
 * the management server's context.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ RouterFunctionMapping.class, Flux.class })
@ConditionalOnBean(ProfilingEndpoint.class)
public class ProfilingWebFluxManagementContextConfiguration {

	@Bean
	RouterFunctionMapping profilingWebFluxViews(ProfilingEndpoint endpoint, PathMappedEndpoints endpoints) {
		return new ProfilingWebFluxViews(endpoint).mapping(endpoints.getPath(EndpointId.of("profiling")));
	}

}
