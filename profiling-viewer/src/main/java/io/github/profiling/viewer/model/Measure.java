package io.github.profiling.viewer.model;

/**
 * The weights the viewer shows: sample counts for sampling trees, nanoseconds for tracing
 * trees.
 */
public final class Measure {

	private Measure() {
	}

	public static long own(CallNode node, boolean tracing) {
		return tracing ? node.ownNanos() : node.own();
	}

	public static long deep(CallNode node, boolean tracing) {
		return tracing ? node.deepNanos() : node.deep();
	}

	/** Time per call, or 0 for a node never called. */
	public static long perCall(long nanos, long calls) {
		return calls == 0 ? 0 : nanos / calls;
	}

	/** {@code part} as a percentage of {@code total}; 0 when there is no total. */
	public static double percent(long part, long total) {
		return total <= 0 ? 0.0 : 100.0 * part / total;
	}

}
