package io.github.profiling.model;

import java.time.Instant;

/**
 * The one clock of samples, spans and store buckets: {@link System#nanoTime()}, with a
 * fixed offset to the wall clock taken once, to show a window's bounds as instants.
 */
public class ProfilingClock {

	public static final ProfilingClock SYSTEM = new ProfilingClock();

	private final long epochNanosAtZero;

	protected ProfilingClock() {
		Instant now = Instant.now();
		long nanos = System.nanoTime();
		this.epochNanosAtZero = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanos;
	}

	/** Now, in the monotonic nanosecond clock. */
	public long nanoTime() {
		return System.nanoTime();
	}

	/** Nanoseconds since the epoch at {@code nanoTime}, without an object. */
	public long toEpochNanos(long nanoTime) {
		return this.epochNanosAtZero + nanoTime;
	}

	public Instant toInstant(long nanoTime) {
		long epochNanos = toEpochNanos(nanoTime);
		return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
				Math.floorMod(epochNanos, 1_000_000_000L));
	}

}
