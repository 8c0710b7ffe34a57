package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.testing.SmallStack;
import io.github.profiling.tree.CallTree;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TreeJsonTest {

	private static final Instant FROM = Instant.parse("2025-01-02T03:04:05Z");

	private static final Instant TO = Instant.parse("2025-01-02T03:04:06.5Z");

	private static final TreeJson.Header HEADER = new TreeJson.Header("jdk", "cpu", "samples");

	/** Deep enough for the deepest tree under test; the default limit is lower. */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build())
			.build())
		.build();

	private final FrameTable frames = new FrameTable(100_000);

	private QueryResult result(CallTree tree) {
		return new QueryResult(tree, this.frames, FROM, TO);
	}

	private int[] stack(String... names) {
		int[] stack = new int[names.length];
		for (int i = 0; i < names.length; i++) {
			stack[i] = this.frames.intern(names[i]);
		}
		return stack;
	}

	private CallTree randomTree(Random random) {
		CallTree tree = new CallTree();
		for (int i = 0; i < 300; i++) {
			String[] names = new String[random.nextInt(6)];
			for (int d = 0; d < names.length; d++) {
				names[d] = "com.example.C" + random.nextInt(6) + ".m";
			}
			tree.add(stack(names), names.length, 1 + random.nextInt(20));
		}
		return tree;
	}

	/**
	 * Every node by its path of names, with OWN and DEEP; checks the invariants on the
	 * way.
	 */
	private static Map<List<String>, List<Long>> jsonByPath(JsonNode root) {
		Map<List<String>, List<Long>> result = new HashMap<>();
		List<JsonNode> nodes = new ArrayList<>(List.of(root));
		List<List<String>> paths = new ArrayList<>(List.of(List.of()));
		while (!nodes.isEmpty()) {
			JsonNode node = nodes.remove(nodes.size() - 1);
			List<String> path = paths.remove(paths.size() - 1);
			long own = node.get("own").longValue();
			long deep = node.get("deep").longValue();
			long childrenDeep = 0;
			for (JsonNode child : node.get("children")) {
				childrenDeep += child.get("deep").longValue();
				List<String> childPath = new ArrayList<>(path);
				childPath.add(child.get("name").stringValue());
				nodes.add(child);
				paths.add(childPath);
			}
			assertThat(deep).as("deep of %s", path).isEqualTo(own + childrenDeep).isGreaterThanOrEqualTo(own);
			assertThat(own).isNotNegative();
			assertThat(result.put(path, List.of(own, deep))).as("two nodes for %s", path).isNull();
		}
		return result;
	}

	private Map<List<String>, List<Long>> treeByPath(CallTree tree) {
		Map<List<String>, List<Long>> result = new HashMap<>();
		for (int node = 0; node < tree.size(); node++) {
			List<String> path = new ArrayList<>();
			for (int n = node; n != CallTree.ROOT; n = tree.parent(n)) {
				path.add(0, this.frames.name(tree.frame(n)));
			}
			result.put(path, List.of(tree.own(node), tree.deep(node)));
		}
		return result;
	}

	@Test
	void writesTheHeaderAndTheTreeAsJson() {
		CallTree tree = new CallTree();
		tree.add(stack("app.Main.main", "app.Service.work"), 2, 3);
		tree.add(stack("app.Main.main"), 1, 1);

		JsonNode json = JSON.readTree(TreeJson.write(HEADER, result(tree)));

		assertThat(json.get("sampler").stringValue()).isEqualTo("jdk");
		assertThat(json.get("event").stringValue()).isEqualTo("cpu");
		assertThat(json.get("unit").stringValue()).isEqualTo("samples");
		assertThat(Instant.parse(json.get("from").stringValue())).isEqualTo(FROM);
		assertThat(Instant.parse(json.get("to").stringValue())).isEqualTo(TO);
		assertThat(json.get("samples").longValue()).isEqualTo(4);
		JsonNode root = json.get("root");
		assertThat(root.get("name").stringValue()).isEqualTo("all");
		assertThat(root.get("own").longValue()).isZero();
		assertThat(root.get("deep").longValue()).isEqualTo(4);
		JsonNode main = root.get("children").get(0);
		assertThat(main.get("name").stringValue()).isEqualTo("app.Main.main");
		assertThat(main.get("own").longValue()).isEqualTo(1);
		assertThat(main.get("deep").longValue()).isEqualTo(4);
		JsonNode work = main.get("children").get(0);
		assertThat(work.get("name").stringValue()).isEqualTo("app.Service.work");
		assertThat(work.get("own").longValue()).isEqualTo(3);
		assertThat(work.get("children")).isEmpty();
	}

	@Test
	void anEmptyTreeIsARootWithoutChildren() {
		JsonNode json = JSON.readTree(TreeJson.write(HEADER, result(new CallTree())));
		assertThat(json.get("samples").longValue()).isZero();
		assertThat(json.get("root").get("deep").longValue()).isZero();
		assertThat(json.get("root").get("children")).isEmpty();
	}

	@Test
	void aMissingSamplerIsWrittenAsNull() {
		JsonNode json = JSON
			.readTree(TreeJson.write(new TreeJson.Header(null, "wall", "samples"), result(new CallTree())));
		assertThat(json.get("sampler").isNull()).isTrue();
		assertThat(json.get("event").stringValue()).isEqualTo("wall");
	}

	@Test
	void theJsonTreeHoldsEveryNodeWithItsWeights() {
		for (int seed = 0; seed < 5; seed++) {
			CallTree tree = randomTree(new Random(seed));
			JsonNode json = JSON.readTree(TreeJson.write(HEADER, result(tree)));
			assertThat(json.get("samples").longValue()).isEqualTo(tree.total());
			Map<List<String>, List<Long>> expected = treeByPath(tree);
			// The root's name is not part of the paths.
			assertThat(jsonByPath(json.get("root"))).isEqualTo(expected);
		}
	}

	@Test
	void childrenAreSortedByDeepHeaviestFirst() {
		CallTree tree = randomTree(new Random(99));
		JsonNode root = JSON.readTree(TreeJson.write(HEADER, result(tree))).get("root");
		List<JsonNode> pending = new ArrayList<>(List.of(root));
		int checked = 0;
		while (!pending.isEmpty()) {
			JsonNode node = pending.remove(pending.size() - 1);
			long previous = Long.MAX_VALUE;
			for (JsonNode child : node.get("children")) {
				long deep = child.get("deep").longValue();
				assertThat(deep).isLessThanOrEqualTo(previous);
				previous = deep;
				pending.add(child);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(tree.size() - 1);
	}

	@Test
	void namesWithQuotesBackslashesAndControlCharactersAreEscaped() {
		List<String> names = List.of("say \"hi\"", "C:\\path\\to", "line\nbreak", "tab\there", "cr\rhere", "bell\u0007",
				"nul\u0000", "unit\u001f", "separators\u2028\u2029", "unicode é 日本 😀", "<script>/");
		CallTree tree = new CallTree();
		for (int i = 0; i < names.size(); i++) {
			tree.add(stack(names.get(i)), 1, i + 1);
		}

		String written = TreeJson.write(new TreeJson.Header("a\"b", "c\\d", "e\nf"), result(tree));

		assertThat(written.chars().filter((c) -> c < 0x20 || c == 0x2028 || c == 0x2029)).isEmpty();
		JsonNode json = JSON.readTree(written);
		assertThat(json.get("sampler").stringValue()).isEqualTo("a\"b");
		assertThat(json.get("event").stringValue()).isEqualTo("c\\d");
		assertThat(json.get("unit").stringValue()).isEqualTo("e\nf");
		List<String> childNames = new ArrayList<>();
		for (JsonNode child : json.get("root").get("children")) {
			childNames.add(child.get("name").stringValue());
		}
		// Heaviest first: the last name weighs most.
		List<String> expected = new ArrayList<>(names);
		Collections.reverse(expected);
		assertThat(childNames).containsExactlyElementsOf(expected);
	}

	@Test
	void aDeepTreeIsWrittenWithoutOverflowingTheJavaStack() {
		int depth = 5000;
		int[] stack = new int[depth];
		for (int i = 0; i < depth; i++) {
			stack[i] = this.frames.intern("com.example.Recursive.level" + i);
		}
		CallTree tree = new CallTree();
		tree.add(stack, depth, 2);
		tree.add(stack, depth / 2, 1);

		AtomicReference<String> written = new AtomicReference<>();
		SmallStack.run(() -> written.set(TreeJson.write(HEADER, result(tree))));

		JsonNode node = JSON.readTree(written.get()).get("root");
		assertThat(node.get("deep").longValue()).isEqualTo(3);
		for (int level = 0; level < depth; level++) {
			assertThat(node.get("children")).hasSize(1);
			node = node.get("children").get(0);
			assertThat(node.get("name").stringValue()).isEqualTo("com.example.Recursive.level" + level);
		}
		assertThat(node.get("own").longValue()).isEqualTo(2);
		assertThat(node.get("children")).isEmpty();
	}

}
