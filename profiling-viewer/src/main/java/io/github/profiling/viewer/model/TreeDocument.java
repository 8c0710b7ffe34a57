package io.github.profiling.viewer.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A call tree over one time window, as {@code GET /actuator/profiling/tree} returns it.
 *
 * @param tracing true when the nodes carry exact call counts and times (tracing mode)
 * @param from start of the window, or null when the server did not say
 * @param to end of the window, or null when the server did not say
 */
public record TreeDocument(String sampler, String event, String unit, Instant from, Instant to, long samples,
		CallNode root, boolean tracing) {

	/** The length of the window, or null when unknown. */
	public Duration window() {
		return from == null || to == null ? null : Duration.between(from, to);
	}

	/**
	 * Whether this is a comparison of two profiles, whose nodes carry the change of their
	 * share.
	 */
	public boolean compared() {
		return root.compared();
	}

	/** The total weight that percentages are relative to. */
	public long totalWeight() {
		return Measure.deep(root, tracing);
	}

	public TreeDocument withRoot(CallNode newRoot) {
		return new TreeDocument(sampler, event, unit, from, to, samples, newRoot, tracing);
	}
}
