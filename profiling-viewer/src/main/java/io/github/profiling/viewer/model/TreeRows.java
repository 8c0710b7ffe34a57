package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lays a tree out as the list of rows that are visible under a fold state and a sort order. */
public final class TreeRows {

    private TreeRows() {
    }

    /** The root and, below each unfolded node, its children in {@code order}. */
    public static List<TreeRow> nested(CallNode root, FoldState folds, Comparator<CallNode> order) {
        List<TreeRow> rows = new ArrayList<>();
        addVisible(root, NodePath.of(root.name()), folds, order, rows);
        return rows;
    }

    /** The children of the root only (the functions of a flat view), in {@code order}. */
    public static List<TreeRow> flat(CallNode root, Comparator<CallNode> order) {
        NodePath rootPath = NodePath.of(root.name());
        return root.children().stream()
                .sorted(order)
                .map(function -> new TreeRow(rootPath.child(function.name()), function, false))
                .toList();
    }

    /** Every node below and including {@code root} in display order, regardless of folding. */
    public static List<TreeRow> all(CallNode root, Comparator<CallNode> order) {
        List<TreeRow> rows = new ArrayList<>();
        addAll(root, NodePath.of(root.name()), order, rows);
        return rows;
    }

    private static void addVisible(CallNode node, NodePath path, FoldState folds, Comparator<CallNode> order,
            List<TreeRow> rows) {
        boolean unfolded = node.hasChildren() && folds.isUnfolded(path);
        rows.add(new TreeRow(path, node, unfolded));
        if (unfolded) {
            for (CallNode child : sorted(node, order)) {
                addVisible(child, path.child(child.name()), folds, order, rows);
            }
        }
    }

    private static void addAll(CallNode node, NodePath path, Comparator<CallNode> order, List<TreeRow> rows) {
        rows.add(new TreeRow(path, node, node.hasChildren()));
        for (CallNode child : sorted(node, order)) {
            addAll(child, path.child(child.name()), order, rows);
        }
    }

    private static List<CallNode> sorted(CallNode node, Comparator<CallNode> order) {
        return node.children().stream().sorted(order).toList();
    }
}
