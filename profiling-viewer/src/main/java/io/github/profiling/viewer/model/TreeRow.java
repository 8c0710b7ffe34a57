package io.github.profiling.viewer.model;

/**
 * One visible line of the tree: a node, where it is, and whether it can be or is
 * unfolded.
 */
public record TreeRow(NodePath path, CallNode node, boolean unfolded) {

	public int depth() {
		return path.depth();
	}

	public boolean foldable() {
		return node.hasChildren();
	}
}
