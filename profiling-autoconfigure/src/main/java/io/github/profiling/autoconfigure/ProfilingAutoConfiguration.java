package io.github.profiling.autoconfigure;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.SamplerProviders;
import io.github.profiling.store.RequestProfiles;
import io.github.profiling.tracing.TracingTargets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link Profiler} itself, for servlet and reactive web
 * applications. It exists whatever {@code management.profiling.mode} says and whether or
 * not the actuator endpoint is exposed: while the mode is {@code off} it starts no thread
 * and loads nothing, and a later switch (through the endpoint or the bean) finds it
 * ready. Request tagging, metrics and the endpoint are each configured on their own
 * around it.
 */
@AutoConfiguration
@ConditionalOnSupportedSpringBoot
@ConditionalOnWebApplication
@EnableConfigurationProperties(ProfilingProperties.class)
public final class ProfilingAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ProfilingAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Profiler profiler(ProfilingProperties properties, Environment environment) {
		ProfilingProperties.Requests requests = properties.getRequests();
		Profiler profiler = new Profiler(SamplerProviders.installed(properties.getJfr().isIncludeEnvironment()),
				ProfilingContext.global(), ProfilingClock.SYSTEM, properties.getRetention(), properties.getMaxNodes(),
				new RequestProfiles.Settings(requests.getSlowest(), requests.getMinDuration(),
						requests.getMaxRequests(), requests.getMaxNodes(), requests.getBufferedSamples()));
		profiler.setOnDemand(properties.isOnDemand());
		// Known before the first request: auto starts on a sampler that sees virtual
		// threads.
		if (environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				&& Runtime.version().feature() >= 21) {
			profiler.servesVirtualThreads("spring.threads.virtual.enabled=true");
		}
		ProfilerSettings initial = new ProfilerSettings(properties.getMode(), properties.getSampler(),
				properties.getEvent(), properties.getInterval());
		String problem = profiler.applyAtStartup(initial,
				() -> new TracingTargets(properties.getTracing().getInclude(), properties.getTracing().getExclude()));
		if (problem != null) {
			logger.warn("Profiling is not running: " + problem);
		}
		return profiler;
	}

	/**
	 * Keeps the startup (JIT, bootstrap) apart, so that "since start" is the running
	 * application.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> profilingStartupEnd(Profiler profiler) {
		return (event) -> profiler.markReady();
	}

}
