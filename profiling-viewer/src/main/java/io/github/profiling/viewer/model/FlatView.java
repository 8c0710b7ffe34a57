package io.github.profiling.viewer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flat view: every function once, its weight summed over all the places it appears in
 * the tree.
 *
 * <p>
 * OWN and CALLS add up over every occurrence. DEEP adds up only the outermost occurrence
 * on each path, so that a recursive function is not counted once per level (its DEEP
 * never exceeds the total).
 */
public final class FlatView {

	private FlatView() {
	}

	/**
	 * A root with the same totals as {@code tree}'s, whose children are one leaf per
	 * function.
	 */
	public static TreeDocument of(TreeDocument tree) {
		Map<String, Totals> byName = new LinkedHashMap<>();
		addAll(tree.root(), byName);
		List<CallNode> functions = new ArrayList<>();
		byName.forEach((name, totals) -> functions.add(totals.toNode(name)));
		CallNode root = tree.root();
		return tree.withRoot(new CallNode(root.name(), root.own(), root.deep(), root.calls(), root.ownNanos(),
				root.deepNanos(), functions));
	}

	/**
	 * Adds every node below the root to its function's totals, depth first with a stack
	 * of its own (no recursion, so any depth is fine). Each node is visited twice: on the
	 * way down, when it counts, and on the way back up, when it leaves the current path.
	 */
	private static void addAll(CallNode root, Map<String, Totals> byName) {
		Map<String, Integer> onPath = new HashMap<>();
		Deque<Visit> visits = new ArrayDeque<>();
		for (int i = root.children().size() - 1; i >= 0; i--) {
			visits.push(new Visit(root.children().get(i), false));
		}
		while (!visits.isEmpty()) {
			Visit visit = visits.pop();
			CallNode node = visit.node();
			if (visit.leaving()) {
				onPath.merge(node.name(), -1, Integer::sum);
				continue;
			}
			Totals totals = byName.computeIfAbsent(node.name(), name -> new Totals());
			totals.own += node.own();
			totals.ownNanos += node.ownNanos();
			totals.calls += node.calls();
			if (onPath.getOrDefault(node.name(), 0) == 0) {
				// the outermost call of this function on this path: its DEEP holds all
				// the inner ones
				totals.deep += node.deep();
				totals.deepNanos += node.deepNanos();
			}
			onPath.merge(node.name(), 1, Integer::sum);
			visits.push(new Visit(node, true));
			for (int i = node.children().size() - 1; i >= 0; i--) {
				visits.push(new Visit(node.children().get(i), false));
			}
		}
	}

	private record Visit(CallNode node, boolean leaving) {
	}

	private static final class Totals {

		long own;

		long deep;

		long calls;

		long ownNanos;

		long deepNanos;

		CallNode toNode(String name) {
			return new CallNode(name, own, deep, calls, ownNanos, deepNanos, List.of());
		}

	}

}
