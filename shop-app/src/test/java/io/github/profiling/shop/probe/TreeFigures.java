package io.github.profiling.shop.probe;

import java.util.ArrayDeque;
import java.util.Deque;

import tools.jackson.databind.JsonNode;

/** Figures of a tree answer ({@code {samples, root: {name, own, deep, children}}}). */
public final class TreeFigures {

	public static final String TRUNCATED = "[truncated]";

	private TreeFigures() {
	}

	/** Weight of the root. */
	public static long total(JsonNode tree) {
		return tree.get("root").get("deep").asLong();
	}

	/**
	 * Weight under {@code [truncated]} nodes, at any depth (a truncated node's subtree
	 * counted once).
	 */
	public static long truncated(JsonNode tree) {
		long weight = 0;
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(tree.get("root"));
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			if (TRUNCATED.equals(node.get("name").asString())) {
				weight += node.get("deep").asLong();
				continue;
			}
			node.get("children").forEach(pending::push);
		}
		return weight;
	}

	/** Share of the weight in {@code [truncated]} nodes, 0 to 1; 0 for an empty tree. */
	public static double truncatedShare(JsonNode tree) {
		long total = total(tree);
		return (total == 0) ? 0 : (double) truncated(tree) / total;
	}

	/** Frames on the deepest path (the root, "all", not counted). */
	public static int maxDepth(JsonNode tree) {
		return depth(tree.get("root")) - 1;
	}

	private static int depth(JsonNode node) {
		int deepest = 0;
		for (JsonNode child : node.get("children")) {
			deepest = Math.max(deepest, depth(child));
		}
		return deepest + 1;
	}

	/** Distinct stacks: the paths from the root that end in a node with OWN weight. */
	public static long distinctStacks(JsonNode tree) {
		long count = 0;
		Deque<JsonNode> pending = new ArrayDeque<>();
		tree.get("root").get("children").forEach(pending::push);
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			if (node.get("own").asLong() > 0) {
				count++;
			}
			node.get("children").forEach(pending::push);
		}
		return count;
	}

	/** Nodes of the tree. */
	public static long nodes(JsonNode tree) {
		long count = 0;
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(tree.get("root"));
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			count++;
			node.get("children").forEach(pending::push);
		}
		return count;
	}

	/**
	 * Weight of the subtrees whose frame starts with {@code prefix}, outermost such
	 * frames only.
	 */
	public static long weightUnder(JsonNode tree, String prefix) {
		return nodeWeightUnder(tree.get("root"), prefix, null);
	}

	/**
	 * Weight of the subtrees whose frame starts with {@code prefix} and which have no
	 * frame starting with {@code outside} above them: work of one kind done outside
	 * another.
	 */
	public static long weightUnder(JsonNode tree, String prefix, String outside) {
		return nodeWeightUnder(tree.get("root"), prefix, outside);
	}

	private static long nodeWeightUnder(JsonNode node, String prefix, String outside) {
		String name = node.get("name").asString();
		if (outside != null && name.startsWith(outside)) {
			return 0;
		}
		if (name.startsWith(prefix)) {
			return node.get("deep").asLong();
		}
		long weight = 0;
		for (JsonNode child : node.get("children")) {
			weight += nodeWeightUnder(child, prefix, outside);
		}
		return weight;
	}

}
