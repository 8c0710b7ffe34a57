package io.github.profiling.store;

import io.github.profiling.tree.CallTree;

import java.util.Arrays;

/**
 * Builds call trees at query time from weights per path: each path becomes a node (its
 * parents first, each created once however many paths share it), OWN is the path's
 * weight, and DEEP is summed bottom-up in one pass. Keeps its scratch arrays between
 * queries. Not thread-safe: the store serializes access.
 */
final class TreeBuilder {

	// The tree node of each path in the tree being built, valid where stamp ==
	// generation.
	private int[] nodeOfPath = new int[1024];

	private int[] stamp = new int[1024];

	private int generation;

	private int[] chain = new int[128];

	/**
	 * A tree of {@code weights}, whose keys' paths are of {@code paths};
	 * {@code withCalls} gives the tree call metrics even if no entry has any.
	 */
	CallTree build(PathWeights weights, PathTable paths, boolean withCalls) {
		CallTree tree = new CallTree(Math.max(16, Math.min(weights.size() * 4, 1 << 16)));
		if (withCalls || weights.hasCalls()) {
			tree.enableCallMetrics();
		}
		begin(paths.size());
		for (int i = 0; i < weights.size(); i++) {
			int node = nodeOf(PathWeights.path(weights.key(i)), tree, paths);
			long weight = weights.weight(i);
			tree.addOwn(node, weight);
			if (weights.hasCalls()) {
				tree.addCalls(node, weights.calls(i), weight, weights.deepNanos(i));
			}
		}
		// Every node was created after its parent, so one pass from the last node back to
		// the
		// root sums DEEP: each node's children are done before it.
		for (int node = tree.size() - 1; node >= 0; node--) {
			tree.addDeep(node, tree.own(node));
			if (node != CallTree.ROOT) {
				tree.addDeep(tree.parent(node), tree.deep(node));
			}
		}
		return tree;
	}

	/** Bytes of the scratch arrays kept between queries. */
	long retainedBytes() {
		return (long) this.nodeOfPath.length * 8 + this.chain.length * 4L;
	}

	private void begin(int pathCount) {
		if (this.nodeOfPath.length < pathCount) {
			int capacity = Math.max(pathCount, this.nodeOfPath.length * 2);
			this.nodeOfPath = new int[capacity];
			this.stamp = new int[capacity];
			this.generation = 0;
		}
		if (++this.generation == Integer.MAX_VALUE) {
			Arrays.fill(this.stamp, 0);
			this.generation = 1;
		}
	}

	private int nodeOf(int path, CallTree tree, PathTable paths) {
		int depth = 0;
		int known = path;
		while (known != PathTable.ROOT && this.stamp[known] != this.generation) {
			if (depth == this.chain.length) {
				this.chain = Arrays.copyOf(this.chain, depth * 2);
			}
			this.chain[depth++] = known;
			known = paths.parent(known);
		}
		int node = (known == PathTable.ROOT) ? CallTree.ROOT : this.nodeOfPath[known];
		while (depth > 0) {
			int next = this.chain[--depth];
			// A path's frames differ among its siblings, so its node is new in the tree.
			node = tree.create(node, paths.frame(next));
			this.nodeOfPath[next] = node;
			this.stamp[next] = this.generation;
		}
		return node;
	}

}
