package io.github.profiling.sampler;

import io.github.profiling.model.SampleSink;

/**
 * A running source of stack samples. Every backend delivers the same {@code Sample} to
 * its sink, tagged with the sampled thread's context, so that every view works unchanged
 * whichever sampler is active.
 */
public interface Sampler extends AutoCloseable {

	/**
	 * Samples that could not be taken or delivered (a missed tick, an overflowing
	 * buffer).
	 */
	default long droppedSamples() {
		return 0;
	}

	/** Failures caught inside the sampler; sampling went on after each. */
	SamplerFailures failures();

	default long errors() {
		return failures().count();
	}

	/** The last failure, or {@code null}. */
	default String lastError() {
		return failures().last();
	}

	/**
	 * Writes the raw JFR recording this sampler keeps, for tools such as JDK Mission
	 * Control.
	 * @return whether it wrote one; samplers that record no JFR write nothing
	 */
	default boolean writeJfr(java.nio.file.Path target) throws java.io.IOException {
		return false;
	}

	/**
	 * Why this sampler's machinery does not deliver samples now (its files were removed,
	 * its native library failed, its event stream ended), or {@code null} while it works.
	 * A degraded sampler has logged the cause and recovers by itself where it can.
	 */
	default String degradedReason() {
		return null;
	}

	/**
	 * What a user should know of how the sampler runs now although nothing is broken
	 * (ticks that overrun the interval, say), for its reason in the status; {@code null}
	 * when there is nothing.
	 */
	default String note() {
		return null;
	}

	/**
	 * Hands the sink what was taken but not yet delivered, so that a query sees it: the
	 * tracer's completed calls. Samplers that deliver as they go have nothing to do.
	 */
	default void flush() {
	}

	/**
	 * CPU time the sampler's own threads have used, for the profiler's cost metric; 0 if
	 * unknown.
	 */
	default long cpuTimeNanos() {
		return 0;
	}

	/** Stops sampling and releases every thread, file and native resource. Idempotent. */
	@Override
	void close();

}
