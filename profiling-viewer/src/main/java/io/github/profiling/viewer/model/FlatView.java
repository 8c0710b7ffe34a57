package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flat view: every function once, its weight summed over all the places it appears in the tree.
 *
 * <p>OWN and CALLS add up over every occurrence. DEEP adds up only the outermost occurrence on each
 * path, so that a recursive function is not counted once per level (its DEEP never exceeds the
 * total).
 */
public final class FlatView {

    private FlatView() {
    }

    /** A root with the same totals as {@code tree}'s, whose children are one leaf per function. */
    public static CallTree of(CallTree tree) {
        Map<String, Totals> byName = new LinkedHashMap<>();
        for (CallNode child : tree.root().children()) {
            add(child, byName, new HashSet<>());
        }
        List<CallNode> functions = new ArrayList<>();
        byName.forEach((name, totals) -> functions.add(totals.toNode(name)));
        CallNode root = tree.root();
        return tree.withRoot(new CallNode(root.name(), root.own(), root.deep(), root.calls(), root.ownNanos(),
                root.deepNanos(), functions));
    }

    private static void add(CallNode node, Map<String, Totals> byName, Set<String> onPath) {
        Totals totals = byName.computeIfAbsent(node.name(), name -> new Totals());
        totals.own += node.own();
        totals.ownNanos += node.ownNanos();
        totals.calls += node.calls();
        boolean outermost = onPath.add(node.name());
        if (outermost) {
            totals.deep += node.deep();
            totals.deepNanos += node.deepNanos();
        }
        for (CallNode child : node.children()) {
            add(child, byName, onPath);
        }
        if (outermost) {
            onPath.remove(node.name());
        }
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
