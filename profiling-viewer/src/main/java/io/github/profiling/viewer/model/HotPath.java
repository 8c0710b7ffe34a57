package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.List;

/** The hot path: from a node, the chain of heaviest children (by DEEP) down to a leaf. */
public final class HotPath {

	private HotPath() {
	}

	/**
	 * The paths of the nodes below {@code start} on its hot path, top to bottom; empty
	 * for a leaf.
	 */
	public static List<NodePath> below(CallNode start, NodePath startPath, boolean tracing) {
		List<NodePath> chain = new ArrayList<>();
		CallNode node = start;
		NodePath path = startPath;
		CallNode next;
		while ((next = heaviestChild(node, tracing)) != null) {
			path = path.child(next.name());
			chain.add(path);
			node = next;
		}
		return chain;
	}

	/**
	 * The child with the largest DEEP (the first by name on a tie), or null for a leaf.
	 */
	public static CallNode heaviestChild(CallNode node, boolean tracing) {
		CallNode heaviest = null;
		for (CallNode child : node.children()) {
			if (heaviest == null || Column.DEEP.order(tracing).compare(child, heaviest) < 0) {
				heaviest = child;
			}
		}
		return heaviest;
	}

}
