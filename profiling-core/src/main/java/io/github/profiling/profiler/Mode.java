package io.github.profiling.profiler;

import java.util.Locale;

/**
 * What the profiler does: nothing (the default, zero cost), statistical sampling, or
 * tracing.
 */
public enum Mode {

	OFF, SAMPLING, TRACING;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static Mode of(String id) {
		for (Mode mode : values()) {
			if (mode.id().equalsIgnoreCase(id.trim())) {
				return mode;
			}
		}
		throw new IllegalArgumentException("unknown mode '" + id + "'; use off, sampling or tracing");
	}

}
