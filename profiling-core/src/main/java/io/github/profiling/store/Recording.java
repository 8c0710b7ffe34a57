package io.github.profiling.store;

import java.time.Duration;

/**
 * Where the data of the store came from: the sampler, the event it sampled, the interval
 * between samples and the unit of a sample's weight. The store holds one recording at a
 * time, so samples of different events or intervals are never added together, and every
 * answer is labelled by the data it holds rather than by the settings of the moment.
 *
 * @param sampler the sampler's name ({@code async}, {@code jfr}, {@code jdk},
 * {@code tracer})
 * @param event {@code cpu}, {@code wall}, {@code alloc} or {@code lock}
 * @param interval the time between samples; zero for the tracer, which records every call
 * @param unit what one unit of weight is: {@code samples}, {@code bytes} or
 * {@code nanoseconds}
 */
public record Recording(String sampler, String event, Duration interval, String unit) {

	/** The name the tracer records under. */
	public static final String TRACER = "tracer";

	/**
	 * The tracer's recording: weights are nanoseconds of wall-clock time, nodes count
	 * calls.
	 */
	public static Recording ofTracer() {
		return new Recording(TRACER, "wall", Duration.ZERO, "nanoseconds");
	}

	/**
	 * Whether the data is the tracer's: nanoseconds of completed calls, with call counts.
	 */
	public boolean traced() {
		return TRACER.equals(this.sampler);
	}

}
