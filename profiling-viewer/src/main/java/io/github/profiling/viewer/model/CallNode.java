package io.github.profiling.viewer.model;

import java.util.List;

/**
 * One frame of a call tree, as the endpoint's tree JSON describes it.
 *
 * <p>
 * {@code own} and {@code deep} are the exclusive and inclusive weight (samples, or
 * whatever the tree's unit is). Tracing trees also carry exact {@code calls} and the time
 * in nanoseconds; sampling trees leave those at zero. In a comparison of two profiles
 * ({@code GET /actuator/profiling/diff}) {@code deltaPercent} is how many percentage
 * points the node's share of DEEP grew against the base (negative: shrank); elsewhere it
 * is NaN.
 */
public record CallNode(String name, long own, long deep, long calls, long ownNanos, long deepNanos,
		List<CallNode> children, double deltaPercent) {

	public CallNode {
		children = List.copyOf(children);
	}

	/** A node of a tree that compares with nothing. */
	public CallNode(String name, long own, long deep, long calls, long ownNanos, long deepNanos,
			List<CallNode> children) {
		this(name, own, deep, calls, ownNanos, deepNanos, children, Double.NaN);
	}

	/** Whether this node comes from a comparison of two profiles. */
	public boolean compared() {
		return !Double.isNaN(this.deltaPercent);
	}

	/** A node of a sampling tree. */
	public static CallNode sampled(String name, long own, long deep, List<CallNode> children) {
		return new CallNode(name, own, deep, 0, 0, 0, children);
	}

	public boolean hasChildren() {
		return !children.isEmpty();
	}

	/** The child with this name, or null; frames are unique among siblings. */
	public CallNode child(String childName) {
		for (CallNode child : children) {
			if (child.name.equals(childName)) {
				return child;
			}
		}
		return null;
	}
}
