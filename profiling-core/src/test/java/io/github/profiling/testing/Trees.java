package io.github.profiling.testing;

import io.github.profiling.model.FrameTable;
import io.github.profiling.tree.CallTree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks and views of call trees shared by the tests. */
public final class Trees {

	private Trees() {
	}

	/** OWN and DEEP of one node. */
	public record Weights(long own, long deep) {
	}

	/**
	 * Asserts the tree invariants at every node:
	 * {@code deep == own + sum(children.deep)}, {@code deep >= own >= 0}, and that the
	 * OWN of all nodes adds up to the root's DEEP.
	 */
	public static void assertInvariants(CallTree tree) {
		// Plain checks: called for every node of thousands of trees.
		long ownSum = 0;
		for (int node = 0; node < tree.size(); node++) {
			long childrenDeep = 0;
			for (int c = tree.firstChild(node); c != CallTree.NONE; c = tree.nextSibling(c)) {
				check(tree.parent(c) == node, "node %d is a child of %d but has parent %d", c, node, tree.parent(c));
				childrenDeep += tree.deep(c);
			}
			long own = tree.own(node);
			long deep = tree.deep(node);
			check(own >= 0, "node %d has own %d < 0", node, own);
			check(deep >= own, "node %d has deep %d < own %d", node, deep, own);
			check(deep == own + childrenDeep, "node %d has deep %d != own %d + children's deep %d", node, deep, own,
					childrenDeep);
			ownSum += own;
		}
		check(ownSum == tree.total(), "sum of own %d != root's deep %d", ownSum, tree.total());
	}

	private static void check(boolean condition, String message, Object... arguments) {
		if (!condition) {
			throw new AssertionError(String.format(message, arguments));
		}
	}

	/**
	 * Every node reachable from the root, by its path of frame ids (the root is the empty
	 * path).
	 */
	public static Map<List<Integer>, Weights> byPath(CallTree tree) {
		Map<List<Integer>, Weights> result = new HashMap<>();
		Map<Integer, List<Integer>> paths = new HashMap<>();
		paths.put(CallTree.ROOT, List.of());
		Deque<Integer> pending = new ArrayDeque<>();
		pending.push(CallTree.ROOT);
		while (!pending.isEmpty()) {
			int node = pending.pop();
			List<Integer> path = paths.remove(node);
			Weights previous = result.put(path, new Weights(tree.own(node), tree.deep(node)));
			check(previous == null, "two nodes for path %s", path);
			for (int c = tree.firstChild(node); c != CallTree.NONE; c = tree.nextSibling(c)) {
				List<Integer> childPath = new ArrayList<>(path);
				childPath.add(tree.frame(c));
				paths.put(c, List.copyOf(childPath));
				pending.push(c);
			}
		}
		return result;
	}

	/** Like {@link #byPath} without the nodes that carry no weight at all. */
	public static Map<List<Integer>, Weights> byPathWithWeight(CallTree tree) {
		Map<List<Integer>, Weights> result = byPath(tree);
		result.values().removeIf((weights) -> weights.deep() == 0 && weights.own() == 0);
		return result;
	}

	/** Sum of DEEP of every node named {@code name}, whatever its path. */
	public static long deepOfFrame(CallTree tree, FrameTable frames, String name) {
		long deep = 0;
		for (int node = 1; node < tree.size(); node++) {
			if (name.equals(frames.name(tree.frame(node))) && !hasAncestorNamed(tree, frames, node, name)) {
				deep += tree.deep(node);
			}
		}
		return deep;
	}

	private static boolean hasAncestorNamed(CallTree tree, FrameTable frames, int node, String name) {
		for (int p = tree.parent(node); p > CallTree.ROOT; p = tree.parent(p)) {
			if (name.equals(frames.name(tree.frame(p)))) {
				return true;
			}
		}
		return false;
	}

	/** Whether some node of the tree is {@code frameId}. */
	public static boolean containsFrame(CallTree tree, int frameId) {
		for (int node = 1; node < tree.size(); node++) {
			if (tree.frame(node) == frameId) {
				return true;
			}
		}
		return false;
	}

	/** The node at {@code path} below the root, or {@link CallTree#NONE}. */
	public static int nodeAt(CallTree tree, int... path) {
		int node = CallTree.ROOT;
		for (int frame : path) {
			node = tree.child(node, frame);
			if (node == CallTree.NONE) {
				return CallTree.NONE;
			}
		}
		return node;
	}

}
