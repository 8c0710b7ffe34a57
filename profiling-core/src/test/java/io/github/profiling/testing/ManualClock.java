package io.github.profiling.testing;

import io.github.profiling.model.ProfilingClock;

/**
 * A clock that moves only when told to, so that tests place samples in chosen buckets.
 */
public final class ManualClock extends ProfilingClock {

	public static final long SECOND = 1_000_000_000L;

	private volatile long now;

	public ManualClock(long now) {
		this.now = now;
	}

	@Override
	public long nanoTime() {
		return this.now;
	}

	public void set(long now) {
		this.now = now;
	}

	public void advance(long nanos) {
		this.now += nanos;
	}

}
