package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.endpoint.LiveStreams;
import io.github.profiling.autoconfigure.endpoint.ProfilingEndpoint;
import io.github.profiling.autoconfigure.metrics.ProfilingMetrics;
import io.github.profiling.autoconfigure.tagging.HandlerStackTags;
import io.github.profiling.autoconfigure.tagging.RequestTaggingObservationHandler;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.sample.ProfilingClock;
import io.github.profiling.sampler.SamplerProviders;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.github.profiling.tracing.TracingTargets;
import io.micrometer.observation.ObservationHandler;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Auto-configuration of the profiler and its {@code profiling} actuator endpoint, for Spring MVC
 * applications. Nothing samples unless {@code management.profiling.mode} says so; with the
 * default {@code off} no thread is started and request tagging declines every request.
 */
@AutoConfiguration(after = EndpointAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnSupportedSpringBoot
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SseEmitter.class)
@ConditionalOnAvailableEndpoint(ProfilingEndpoint.class)
@EnableConfigurationProperties(ProfilingProperties.class)
public final class ProfilingAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ProfilingAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Profiler profiler(ProfilingProperties properties, Environment environment) {
		Profiler profiler = new Profiler(SamplerProviders.installed(), ProfilingContext.global(),
				ProfilingClock.SYSTEM, properties.getRetention(), properties.getMaxNodes());
		profiler.setOnDemand(properties.isOnDemand());
		// Known before the first request: auto starts on a sampler that sees virtual threads.
		if (environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				&& Runtime.version().feature() >= 21) {
			profiler.servesVirtualThreads("spring.threads.virtual.enabled=true");
		}
		ProfilerSettings initial = new ProfilerSettings(properties.getMode(), properties.getSampler(),
				properties.getEvent(), properties.getInterval());
		String problem = profiler.applyAtStartup(initial, () -> new TracingTargets(
				properties.getTracing().getInclude(), properties.getTracing().getExclude()));
		if (problem != null) {
			logger.warn("Profiling is not running: " + problem);
		}
		return profiler;
	}

	/** Keeps the startup (JIT, bootstrap) apart, so that "since start" is the running application. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> profilingStartupEnd(Profiler profiler) {
		return (event) -> profiler.markReady();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LiveStreams profilingLiveStreams(Profiler profiler, ProfilingProperties properties) {
		return new LiveStreams(profiler, properties.getLive().getMaxStreams());
	}

	@Bean
	@ConditionalOnMissingBean
	ProfilingEndpoint profilingEndpoint(Profiler profiler, LiveStreams liveStreams, ProfilingProperties properties,
			Environment environment, ListableBeanFactory beans) {
		// The packages of the @SpringBootApplication class: where focus=app starts the views.
		List<String> packages = AutoConfigurationPackages.has(beans) ? AutoConfigurationPackages.get(beans) : List.of();
		return new ProfilingEndpoint(profiler, liveStreams, properties.getRetention(),
				properties.getLive().getInterval(), environment.getProperty("spring.application.name", "application"),
				packages);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProfilingMetrics profilingMetrics(Profiler profiler, LiveStreams liveStreams,
				ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			// The application's own routes (not the actuator's), read when the registry binds the
			// meters, after all singletons exist.
			return new ProfilingMetrics(profiler, liveStreams, () -> routes(handlerMappings));
		}

		private static List<String> routes(ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			Set<String> routes = new TreeSet<>();
			handlerMappings.orderedStream()
				.forEach((mapping) -> mapping.getHandlerMethods()
					.keySet()
					.forEach((info) -> routes.addAll(info.getPatternValues())));
			return List.copyOf(routes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, ServerRequestObservationContext.class })
	@ConditionalOnBooleanProperty(name = "management.profiling.tags.enabled", matchIfMissing = true)
	static class RequestTaggingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestTaggingObservationHandler profilingRequestTaggingObservationHandler(Profiler profiler,
				ProfilingProperties properties) {
			return new RequestTaggingObservationHandler(profiler, properties.getTags().getHeaders());
		}

		@Bean
		@ConditionalOnMissingBean
		HandlerStackTags profilingHandlerStackTags(ListableBeanFactory beans) {
			return new HandlerStackTags(beans, ProfilingContext.global());
		}

	}

}
