package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.autoconfigure.ProfilingProperties;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.micrometer.observation.ObservationHandler;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Tags each request's samples with its route, method and configured headers, from the
 * server request observation; and, where Spring MVC is present, registers handler frames
 * so that samples of virtual threads seen only through their carrier are tagged too. The
 * handler declines every request while the profiler is off. Independent of the actuator
 * endpoint.
 */
@AutoConfiguration(after = ProfilingAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnSupportedSpringBoot
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ ObservationHandler.class, ServerRequestObservationContext.class })
@ConditionalOnBean(Profiler.class)
@ConditionalOnBooleanProperty(name = "management.profiling.tags.enabled", matchIfMissing = true)
public final class RequestTaggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestTaggingObservationHandler profilingRequestTaggingObservationHandler(Profiler profiler,
			ProfilingProperties properties, ObjectProvider<TraceIds> traceIds) {
		return new RequestTaggingObservationHandler(profiler, properties.getTags().getHeaders(),
				traceIds.getIfAvailable(() -> TraceIds.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestMappingInfoHandlerMapping.class)
	static class HandlerStackTagsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HandlerStackTags profilingHandlerStackTags(ListableBeanFactory beans) {
			return new HandlerStackTags(beans, ProfilingContext.global());
		}

	}

}
