package io.github.profiling.sampler;

import java.util.Locale;

/** What a sampler samples. */
public enum SamplingEvent {

	/** Threads on CPU; weight proportional to CPU time. */
	CPU,

	/** Every thread, running or waiting: where wall-clock time goes. */
	WALL,

	/** Allocations (where the sampler supports them). */
	ALLOC,

	/** Lock contention (where the sampler supports it). */
	LOCK;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * What one unit of a sample's weight is: allocation samples weigh the bytes they
	 * stand for.
	 */
	public String unit() {
		return (this == ALLOC) ? "bytes" : "samples";
	}

	/**
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static SamplingEvent of(String id) {
		for (SamplingEvent event : values()) {
			if (event.id().equalsIgnoreCase(id.trim())) {
				return event;
			}
		}
		throw new IllegalArgumentException("unknown event '" + id + "'; use cpu, wall, alloc or lock");
	}

}
