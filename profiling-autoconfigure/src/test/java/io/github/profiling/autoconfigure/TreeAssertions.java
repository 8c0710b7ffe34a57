package io.github.profiling.autoconfigure;

import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The invariants every tree view must keep, and sums over a tree's nodes. */
final class TreeAssertions {

	private TreeAssertions() {
	}

	/**
	 * root.deep == samples; deep == own + sum(children.deep); deep >= own >= 0; sum(own)
	 * == samples.
	 */
	static void assertInvariants(JsonNode tree) {
		JsonNode root = tree.get("root");
		assertThat(root.get("deep").asLong()).isEqualTo(tree.get("samples").asLong());
		long ownTotal = checkNode(root);
		assertThat(ownTotal).isEqualTo(tree.get("samples").asLong());
	}

	private static long checkNode(JsonNode node) {
		long own = node.get("own").asLong();
		long deep = node.get("deep").asLong();
		assertThat(own).as("own of %s", node.get("name")).isGreaterThanOrEqualTo(0);
		assertThat(deep).as("deep of %s", node.get("name")).isGreaterThanOrEqualTo(own);
		long childrenDeep = 0;
		long ownTotal = own;
		long previous = Long.MAX_VALUE;
		for (JsonNode child : node.get("children")) {
			long childDeep = child.get("deep").asLong();
			assertThat(childDeep).as("children sorted by deep").isLessThanOrEqualTo(previous);
			previous = childDeep;
			childrenDeep += childDeep;
			ownTotal += checkNode(child);
		}
		assertThat(deep).as("deep of %s", node.get("name")).isEqualTo(own + childrenDeep);
		return ownTotal;
	}

	/**
	 * The invariants on both sides of a diff: those of a tree on the compared side
	 * ({@code own}, {@code deep}), and on the base side ({@code baseOwn},
	 * {@code baseDeep}, {@code base.samples}); the percentages are those of the weights.
	 */
	static void assertDiffInvariants(JsonNode diff) {
		assertInvariants(diff);
		JsonNode root = diff.get("root");
		long baseSamples = diff.get("base").get("samples").asLong();
		assertThat(root.get("baseDeep").asLong()).isEqualTo(baseSamples);
		assertThat(checkBaseNode(root, baseSamples, diff.get("samples").asLong())).isEqualTo(baseSamples);
	}

	private static long checkBaseNode(JsonNode node, long baseSamples, long samples) {
		long own = node.get("baseOwn").asLong();
		long deep = node.get("baseDeep").asLong();
		assertThat(own).as("baseOwn of %s", node.get("name")).isGreaterThanOrEqualTo(0);
		assertThat(deep).as("baseDeep of %s", node.get("name")).isGreaterThanOrEqualTo(own);
		assertThat(node.get("baseDeepPercent").asDouble()).isCloseTo(percent(deep, baseSamples), within(0.0001));
		assertThat(node.get("baseOwnPercent").asDouble()).isCloseTo(percent(own, baseSamples), within(0.0001));
		assertThat(node.get("deepPercent").asDouble()).isCloseTo(percent(node.get("deep").asLong(), samples),
				within(0.0001));
		long childrenDeep = 0;
		long ownTotal = own;
		for (JsonNode child : node.get("children")) {
			childrenDeep += child.get("baseDeep").asLong();
			ownTotal += checkBaseNode(child, baseSamples, samples);
		}
		assertThat(deep).as("baseDeep of %s", node.get("name")).isEqualTo(own + childrenDeep);
		return ownTotal;
	}

	private static double percent(long part, long total) {
		return (total > 0) ? 100.0 * part / total : 0;
	}

	/** OWN per frame name, summed over the whole tree. */
	static Map<String, Long> ownByFrame(JsonNode tree) {
		Map<String, Long> own = new HashMap<>();
		addOwn(tree.get("root"), own);
		return own;
	}

	private static void addOwn(JsonNode node, Map<String, Long> own) {
		own.merge(node.get("name").asString(), node.get("own").asLong(), Long::sum);
		node.get("children").forEach((child) -> addOwn(child, own));
	}

	/** Weight of the samples whose leaf frame's name starts with {@code prefix}. */
	static long ownUnder(JsonNode tree, String prefix) {
		return ownByFrame(tree).entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/** Whether any node of the tree is named {@code name}. */
	static boolean hasFrame(JsonNode node, String name) {
		if (node.get("name").asString().equals(name)) {
			return true;
		}
		for (JsonNode child : node.get("children")) {
			if (hasFrame(child, name)) {
				return true;
			}
		}
		return false;
	}

}
