package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Kept slowest requests name their trace and span, where Micrometer Tracing is on the
 * class path, so that a slow trace in Zipkin or Tempo leads to its profile and back.
 */
@AutoConfiguration
@ConditionalOnSupportedSpringBoot
@ConditionalOnClass(TracingObservationHandler.class)
public final class TraceIdsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceIds profilingTraceIds() {
		return new MicrometerTracingTraceIds();
	}

}
