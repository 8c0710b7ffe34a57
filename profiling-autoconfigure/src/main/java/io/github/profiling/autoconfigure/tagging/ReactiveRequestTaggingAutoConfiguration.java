package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.autoconfigure.ProfilingProperties;
import io.github.profiling.profiler.Profiler;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.ObservationHandler;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Tags each WebFlux request's samples with its route, method and configured headers, on
 * every thread that works for it. It turns on Reactor's automatic context propagation
 * (what {@code spring.reactor.context-propagation=auto} does): that is what restores a
 * request's observation, and so its tags, around each slice of its work on an event loop
 * or a scheduler's thread. Independent of the actuator endpoint.
 */
@AutoConfiguration(after = ProfilingAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnSupportedSpringBoot
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ObservationHandler.class, ServerRequestObservationContext.class, Hooks.class,
		ContextRegistry.class })
@ConditionalOnBean(Profiler.class)
@ConditionalOnBooleanProperty(name = "management.profiling.tags.enabled", matchIfMissing = true)
public final class ReactiveRequestTaggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveRequestTaggingObservationHandler profilingReactiveRequestTaggingObservationHandler(Profiler profiler,
			ProfilingProperties properties, ObjectProvider<TraceIds> traceIds) {
		// Before the first request: pipelines assembled from now on restore
		// thread-locals.
		Hooks.enableAutomaticContextPropagation();
		return new ReactiveRequestTaggingObservationHandler(profiler, properties.getTags().getHeaders(),
				traceIds.getIfAvailable(() -> TraceIds.NONE));
	}

}
