package io.github.profiling.autoconfigure.tagging;

import io.micrometer.observation.Observation;

/**
 * The trace and span ids of a request's observation, so that a kept request's profile and
 * its trace lead to each other. Asked only for requests the profiler keeps.
 */
@FunctionalInterface
public interface TraceIds {

	/** Knows no ids: for applications without tracing. */
	TraceIds NONE = (context) -> null;

	/**
	 * The ids of {@code context}'s span as {@code {traceId, spanId}}, or {@code null}
	 * when it has none.
	 */
	String[] of(Observation.Context context);

}
