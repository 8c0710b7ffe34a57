package io.github.profiling.viewer.model;

import java.util.HashSet;
import java.util.Set;

/**
 * Which nodes are unfolded, remembered by path so that it outlives the tree it was made
 * on. Everything else is folded.
 */
public final class FoldState {

	private final Set<NodePath> unfolded = new HashSet<>();

	public boolean isUnfolded(NodePath path) {
		return unfolded.contains(path);
	}

	public void unfold(NodePath path) {
		unfolded.add(path);
	}

	public void fold(NodePath path) {
		unfolded.remove(path);
	}

	public void toggle(NodePath path) {
		if (!unfolded.remove(path)) {
			unfolded.add(path);
		}
	}

	/** Folds everything. */
	public void clear() {
		unfolded.clear();
	}

	/**
	 * Unfolds the path and every node above it, so that the node itself becomes visible.
	 */
	public void reveal(NodePath path) {
		for (int length = 1; length < path.names().size(); length++) {
			unfolded.add(path.prefix(length));
		}
	}

}
