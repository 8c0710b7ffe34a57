package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.SampleSink;

/**
 * One kind of sampler ({@code jdk}, {@code jfr}, {@code async}): whether it can run here,
 * and starting it. {@code auto} tries the providers in order and reports each one's
 * reason.
 */
public interface SamplerProvider {

	/** The name users select it by. */
	String name();

	/** Whether it can run in this JVM, and why (not). Cheap; called for every status. */
	Availability availability();

	/** Whether it can sample {@code event}. */
	boolean supports(SamplingEvent event);

	/**
	 * Whether its samples of work on a virtual thread name that virtual thread, so that
	 * they carry its scopes' tags. A sampler that sees only OS threads attributes them to
	 * the carrier.
	 */
	default boolean seesVirtualThreads() {
		return true;
	}

	/**
	 * Starts sampling into {@code sink}.
	 * @throws Exception if it cannot start; the message is shown as the reason
	 */
	Sampler start(SamplerSettings settings, SampleSink sink, Environment environment) throws Exception;

	/** What a sampler needs of the profiler it serves. */
	record Environment(FrameTable frames, ProfilingContext context, ProfilingClock clock) {
	}

	/** Whether a sampler can run, with the reason shown in the status. */
	record Availability(boolean available, String reason) {

		public static Availability yes(String reason) {
			return new Availability(true, reason);
		}

		public static Availability no(String reason) {
			return new Availability(false, reason);
		}

	}

}
