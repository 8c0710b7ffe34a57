package io.github.profiling.autoconfigure.config;

import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;
import io.github.profiling.autoconfigure.endpoint.LiveStreams;
import io.github.profiling.autoconfigure.endpoint.ProfilingEndpoint;
import io.github.profiling.autoconfigure.endpoint.ProfilingEndpointAutoConfiguration;
import io.github.profiling.autoconfigure.export.pyroscope.PyroscopeExportAutoConfiguration;
import io.github.profiling.autoconfigure.export.pyroscope.PyroscopeExporter;
import io.github.profiling.autoconfigure.metrics.ProfilingMetrics;
import io.github.profiling.autoconfigure.metrics.ProfilingMetricsAutoConfiguration;
import io.github.profiling.autoconfigure.tagging.HandlerStackTags;
import io.github.profiling.autoconfigure.tagging.ReactiveRequestTaggingAutoConfiguration;
import io.github.profiling.autoconfigure.tagging.ReactiveRequestTaggingObservationHandler;
import io.github.profiling.autoconfigure.tagging.MicrometerTracingTraceIds;
import io.github.profiling.autoconfigure.tagging.RequestTaggingAutoConfiguration;
import io.github.profiling.autoconfigure.tagging.TraceIds;
import io.github.profiling.autoconfigure.tagging.TraceIdsAutoConfiguration;
import io.github.profiling.autoconfigure.tagging.RequestTaggingObservationHandler;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.SamplerProviders;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.ConfigurableConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each auto-configuration on its own conditions: the profiler, request tagging and
 * metrics do not depend on the actuator endpoint; the endpoint configures only when it is
 * available.
 */
class ProfilingAutoConfigurationTests {

	private static final AutoConfigurations ALL = AutoConfigurations.of(ProfilingAutoConfiguration.class,
			RequestTaggingAutoConfiguration.class, TraceIdsAutoConfiguration.class,
			ProfilingMetricsAutoConfiguration.class, ProfilingEndpointAutoConfiguration.class,
			PyroscopeExportAutoConfiguration.class, EndpointAutoConfiguration.class,
			WebEndpointAutoConfiguration.class);

	// Property values as an application writes them ('read-only'), converted as
	// SpringApplication does.
	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(ALL)
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()));

	@Test
	void modeOffStillHasTheProfilerReadyAndStartsNothing() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=profiling").run((context) -> {
			assertThat(context).hasSingleBean(Profiler.class)
				.hasSingleBean(RequestTaggingObservationHandler.class)
				.hasSingleBean(HandlerStackTags.class)
				.hasSingleBean(ProfilingMetrics.class)
				.hasSingleBean(ProfilingEndpoint.class);
			Profiler profiler = context.getBean(Profiler.class);
			assertThat(profiler.status().mode()).isEqualTo(Mode.OFF);
			assertThat(profiler.status().running()).isFalse();
			assertThat(profiler.activeSampler()).isNull();
		});
	}

	@Test
	void endpointNotExposedKeepsProfilerTaggingAndMetrics() {
		this.runner.withPropertyValues("management.profiling.mode=sampling", "management.profiling.sampler=jdk")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ProfilingEndpoint.class)
					.doesNotHaveBean(LiveStreams.class)
					.hasSingleBean(RequestTaggingObservationHandler.class)
					.hasSingleBean(ProfilingMetrics.class);
				Profiler profiler = context.getBean(Profiler.class);
				assertThat(profiler.status().running()).as("status read through the bean").isTrue();
				assertThat(profiler.activeSampler()).isEqualTo("jdk");
			});
	}

	@Test
	void endpointNotExposedStillPushesToPyroscopeWhenAUrlIsSet() {
		this.runner
			.withPropertyValues("management.profiling.mode=sampling", "management.profiling.sampler=jdk",
					"management.profiling.export.pyroscope.url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ProfilingEndpoint.class).hasSingleBean(PyroscopeExporter.class);
				assertThat(context.getBean(PyroscopeExporter.class).status()).containsEntry("state", "running");
			});
		this.runner.withPropertyValues("management.profiling.mode=sampling", "management.profiling.sampler=jdk")
			.run((context) -> assertThat(context).doesNotHaveBean(PyroscopeExporter.class));
	}

	@Test
	void endpointExposedAndReadOnlyByDefault() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=profiling").run((context) -> {
			assertThat(context.getBean(ProfilingEndpoint.class).status().changes()).isEqualTo("read-only");
		});
	}

	@Test
	void endpointUnrestrictedWhenTheAccessPropertySaysSo() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=profiling",
					"management.endpoint.profiling.access=unrestricted")
			.run((context) -> assertThat(context.getBean(ProfilingEndpoint.class).status().changes())
				.isEqualTo("unrestricted"));
	}

	@Test
	void maxPermittedAccessCapsTheEndpoint() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=profiling",
					"management.endpoint.profiling.access=unrestricted",
					"management.endpoints.access.max-permitted=read-only")
			.run((context) -> assertThat(context.getBean(ProfilingEndpoint.class).status().changes())
				.isEqualTo("read-only"));
	}

	@Test
	void endpointAccessNoneRemovesOnlyTheEndpoint() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=profiling",
					"management.endpoint.profiling.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(ProfilingEndpoint.class)
				.hasSingleBean(Profiler.class)
				.hasSingleBean(RequestTaggingObservationHandler.class));
	}

	@Test
	void withoutTheActuatorTheProfilerTaggingAndMetricsStillConfigure() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=profiling")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ProfilingEndpoint.class)
				.hasSingleBean(Profiler.class)
				.hasSingleBean(RequestTaggingObservationHandler.class)
				.hasSingleBean(ProfilingMetrics.class));
	}

	@Test
	void tagsDisabledLeavesRequestsUntagged() {
		this.runner.withPropertyValues("management.profiling.tags.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Profiler.class)
				.doesNotHaveBean(RequestTaggingObservationHandler.class)
				.doesNotHaveBean(HandlerStackTags.class));
	}

	@Test
	void withoutObservationNoTagging() {
		this.runner.withClassLoader(new FilteredClassLoader(ObservationHandler.class))
			.run((context) -> assertThat(context).hasSingleBean(Profiler.class)
				.doesNotHaveBean(RequestTaggingObservationHandler.class));
	}

	@Test
	void withMicrometerTracingKeptRequestsNameTheirTrace() {
		this.runner.run(
				(context) -> assertThat(context).getBean(TraceIds.class).isInstanceOf(MicrometerTracingTraceIds.class));
	}

	@Test
	void withoutMicrometerTracingNoTraceIds() {
		this.runner.withClassLoader(new FilteredClassLoader(TracingObservationHandler.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RequestTaggingObservationHandler.class)
				.doesNotHaveBean(TraceIds.class));
	}

	@Test
	void withoutMicrometerNoMetrics() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Profiler.class)
				.doesNotHaveBean(ProfilingMetrics.class));
	}

	@Test
	void nonWebApplicationBacksOff() {
		new ApplicationContextRunner().withConfiguration(ALL)
			.withPropertyValues("management.profiling.mode=sampling", "management.profiling.sampler=jdk",
					"management.endpoints.web.exposure.include=profiling")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Profiler.class)
				.doesNotHaveBean(RequestTaggingObservationHandler.class)
				.doesNotHaveBean(ProfilingMetrics.class)
				.doesNotHaveBean(ProfilingEndpoint.class));
	}

	@Test
	void reactiveApplicationGetsTheProfilerReactiveTaggingAndTheEndpoint() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ProfilingAutoConfiguration.class,
					RequestTaggingAutoConfiguration.class, ReactiveRequestTaggingAutoConfiguration.class,
					ProfilingMetricsAutoConfiguration.class, ProfilingEndpointAutoConfiguration.class,
					EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
			.withPropertyValues("management.profiling.mode=sampling", "management.profiling.sampler=jdk",
					"management.endpoints.web.exposure.include=profiling")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Profiler.class)
				.hasSingleBean(ReactiveRequestTaggingObservationHandler.class)
				.doesNotHaveBean(RequestTaggingObservationHandler.class)
				.hasSingleBean(ProfilingMetrics.class)
				.hasSingleBean(ProfilingEndpoint.class)
				.hasBean("profilingWebFluxViews"));
	}

	@Test
	void usersOwnProfilerIsUsedByEveryPart() {
		this.runner.withUserConfiguration(OwnProfiler.class)
			.withPropertyValues("management.endpoints.web.exposure.include=profiling",
					"management.profiling.mode=sampling")
			.run((context) -> {
				assertThat(context).hasSingleBean(Profiler.class)
					.hasSingleBean(RequestTaggingObservationHandler.class)
					.hasSingleBean(ProfilingMetrics.class)
					.hasSingleBean(ProfilingEndpoint.class);
				assertThat(context.getBean(Profiler.class)).isSameAs(context.getBean("ownProfiler"));
				assertThat(context.getBean(Profiler.class).status().running())
					.as("the auto-configured properties are not applied to the user's profiler")
					.isFalse();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProfiler {

		@Bean(destroyMethod = "close")
		Profiler ownProfiler() {
			return new Profiler(SamplerProviders.installed(), ProfilingContext.global(), ProfilingClock.SYSTEM,
					Duration.ofMinutes(5), 10_000);
		}

	}

}
