package io.github.profiling.viewer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lays a tree out as the list of rows that are visible under a fold state and a sort
 * order.
 */
public final class TreeRows {

	private TreeRows() {
	}

	/** The root and, below each unfolded node, its children in {@code order}. */
	public static List<TreeRow> nested(CallNode root, FoldState folds, Comparator<CallNode> order) {
		List<TreeRow> rows = new ArrayList<>();
		addRows(root, order, folds::isUnfolded, rows);
		return rows;
	}

	/** The children of the root only (the functions of a flat view), in {@code order}. */
	public static List<TreeRow> flat(CallNode root, Comparator<CallNode> order) {
		NodePath rootPath = NodePath.of(root.name());
		return root.children()
			.stream()
			.sorted(order)
			.map(function -> new TreeRow(rootPath.child(function.name()), function, false))
			.toList();
	}

	/**
	 * Every node below and including {@code root} in display order, regardless of
	 * folding.
	 */
	public static List<TreeRow> all(CallNode root, Comparator<CallNode> order) {
		List<TreeRow> rows = new ArrayList<>();
		addRows(root, order, path -> true, rows);
		return rows;
	}

	/**
	 * Appends the rows in display order (depth first, children in {@code order}),
	 * descending only into unfolded nodes. A stack of its own rather than recursion keeps
	 * any depth of tree from overflowing the thread's stack.
	 */
	private static void addRows(CallNode root, Comparator<CallNode> order, Predicate<NodePath> unfolded,
			List<TreeRow> rows) {
		Deque<TreeRow> toVisit = new ArrayDeque<>();
		NodePath rootPath = NodePath.of(root.name());
		toVisit.push(new TreeRow(rootPath, root, root.hasChildren() && unfolded.test(rootPath)));
		while (!toVisit.isEmpty()) {
			TreeRow row = toVisit.pop();
			rows.add(row);
			if (!row.unfolded()) {
				continue;
			}
			List<CallNode> children = sorted(row.node(), order);
			// pushed last to first, so that the first child is visited first
			for (int i = children.size() - 1; i >= 0; i--) {
				CallNode child = children.get(i);
				NodePath path = row.path().child(child.name());
				toVisit.push(new TreeRow(path, child, child.hasChildren() && unfolded.test(path)));
			}
		}
	}

	private static List<CallNode> sorted(CallNode node, Comparator<CallNode> order) {
		return node.children().stream().sorted(order).toList();
	}

}
