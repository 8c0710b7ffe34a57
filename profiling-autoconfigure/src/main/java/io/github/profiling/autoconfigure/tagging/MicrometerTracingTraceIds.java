package io.github.profiling.autoconfigure.tagging;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * The trace and span ids Micrometer Tracing (with its Brave or OpenTelemetry bridge) gave
 * a request's observation: the span its tracing handler keeps in the observation's
 * context.
 */
public final class MicrometerTracingTraceIds implements TraceIds {

	@Override
	public String[] of(Observation.Context context) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		if (span == null || span.isNoop()) {
			return null;
		}
		TraceContext ids = span.context();
		return new String[] { ids.traceId(), ids.spanId() };
	}

}
