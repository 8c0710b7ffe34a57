package io.github.profiling.sampler;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The failures a sampler caught and went on after (a bad event, a failed read, a store
 * that threw): counted for the status and the metrics, the last one kept as its reason.
 */
public final class SamplerFailures {

	private final AtomicLong count = new AtomicLong();

	private volatile String last;

	public void record(Throwable failure) {
		record(failure.toString());
	}

	public void record(String failure) {
		this.last = failure;
		this.count.incrementAndGet();
	}

	public long count() {
		return this.count.get();
	}

	/** The last failure, or {@code null}. */
	public String last() {
		return this.last;
	}

}
