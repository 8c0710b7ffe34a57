package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.tree.CallTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree JSON that {@link TreeJson} writes is what {@code tree.schema.json} describes.
 * The documents written here are kept as files ({@code tree-documents/}), which the
 * viewer's and the browser pages' tests read back: so a change of the writer that the
 * schema or a reader does not follow fails somewhere.
 */
class TreeJsonSchemaTest {

	/**
	 * Where the documents are kept, from this module's folder, as the other modules find
	 * them.
	 */
	static final Path DOCUMENTS = Path.of("src/test/resources/io/github/profiling/export/tree-documents");

	private static final Instant FROM = Instant.parse("2026-11-30T09:00:00Z");

	private static final Instant TO = Instant.parse("2026-11-30T09:00:10.250Z");

	static Stream<Arguments> documents() {
		return Stream.of(Arguments.of("sampled", (Supplier<String>) TreeJsonSchemaTest::sampled),
				Arguments.of("traced", (Supplier<String>) TreeJsonSchemaTest::traced),
				Arguments.of("empty", (Supplier<String>) TreeJsonSchemaTest::empty),
				Arguments.of("hint", (Supplier<String>) TreeJsonSchemaTest::hint),
				Arguments.of("truncated", (Supplier<String>) TreeJsonSchemaTest::truncated));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void writtenDocumentsAreValidAndAreTheKeptFiles(String name, Supplier<String> document) throws IOException {
		String written = document.get();
		assertThat(TreeSchema.errors(written)).as(written).isEmpty();
		String kept = Files.readString(DOCUMENTS.resolve(name + ".json"), StandardCharsets.UTF_8).strip();
		assertThat(written).as("TreeJson writes tree-documents/%s.json; if the change is meant, write it there", name)
			.isEqualTo(kept);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// no root
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":0}",
			// self and total are not the names of OWN and DEEP
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":1,\"root\":{\"name\":\"all\",\"self\":1,\"total\":1,\"children\":[]}}",
			// a negative weight
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":0,\"root\":{\"name\":\"all\",\"own\":-1,\"deep\":0,\"children\":[]}}",
			// tracing columns on one node only
			"{\"sampler\":\"tracer\",\"event\":\"wall\",\"unit\":\"nanoseconds\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":5,\"root\":{\"name\":\"all\",\"own\":0,\"deep\":5,\"calls\":0,\"ownNanos\":0,\"deepNanos\":0,\"children\":[{\"name\":\"a.B.c\",\"own\":5,\"deep\":5,\"children\":[]}]}}",
			// a field the writer never writes
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":0,\"truncated\":true,\"root\":{\"name\":\"all\",\"own\":0,\"deep\":0,\"children\":[]}}",
			// a unit there is none of, and a time that is not an instant
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"ms\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":0,\"root\":{\"name\":\"all\",\"own\":0,\"deep\":0,\"children\":[]}}",
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"yesterday\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":0,\"root\":{\"name\":\"all\",\"own\":0,\"deep\":0,\"children\":[]}}",
			// a weight as a string
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":\"1\",\"root\":{\"name\":\"all\",\"own\":0,\"deep\":0,\"children\":[]}}" })
	void documentsTheWriterCannotWriteAreInvalid(String document) {
		assertThat(TreeSchema.errors(document)).isNotEmpty();
	}

	/**
	 * The same valid document, so that the wrong ones above fail for their fault alone.
	 */
	@ParameterizedTest
	@ValueSource(strings = {
			"{\"sampler\":\"jdk\",\"event\":\"cpu\",\"unit\":\"samples\",\"from\":\"2026-11-30T09:00:00Z\",\"to\":\"2026-11-30T09:00:01Z\",\"samples\":0,\"root\":{\"name\":\"all\",\"own\":0,\"deep\":0,\"children\":[]}}" })
	void theRightDocumentIsValid(String document) {
		assertThat(TreeSchema.errors(document)).isEmpty();
	}

	/**
	 * A sampled tree of the sample app: two routes' work below the same servlet frames.
	 */
	private static String sampled() {
		FrameTable frames = new FrameTable(100);
		CallTree tree = new CallTree();
		tree.add(stack(frames, "java.lang.Thread.run", "io.github.profiling.sample.FactorialController.factorial",
				"java.math.BigInteger.multiply"), 3, 40);
		tree.add(stack(frames, "java.lang.Thread.run", "io.github.profiling.sample.FactorialController.factorial",
				"java.math.BigInteger.toString"), 3, 15);
		tree.add(stack(frames, "java.lang.Thread.run", "io.github.profiling.sample.FactorialController.factorial"), 2,
				5);
		tree.add(stack(frames, "java.lang.Thread.run", "java.lang.Thread.sleep"), 2, 2);
		return TreeJson.write(new TreeJson.Header("jdk", "cpu", "samples"), new QueryResult(tree, frames, FROM, TO));
	}

	/** A tree of the tracer: nanoseconds as weights, and the calls that completed. */
	private static String traced() {
		FrameTable frames = new FrameTable(100);
		CallTree tree = new CallTree();
		int[] cart = stack(frames, "com.example.shop.Cart.total", "com.example.shop.Prices.of");
		int total = tree.create(CallTree.ROOT, cart[0]);
		int prices = tree.create(total, cart[1]);
		tree.addPath(CallTree.ROOT, cart, 1, 600);
		tree.addPath(CallTree.ROOT, cart, 2, 900);
		tree.addCalls(total, 3, 600, 1500);
		tree.addCalls(prices, 6, 900, 900);
		return TreeJson.write(new TreeJson.Header("tracer", "wall", "nanoseconds"),
				new QueryResult(tree, frames, FROM, TO));
	}

	/**
	 * Nothing recorded and no sampler running: the root alone, and no sampler to name.
	 */
	private static String empty() {
		return TreeJson.write(new TreeJson.Header(null, "cpu", "samples"),
				new QueryResult(new CallTree(), new FrameTable(100), FROM, TO));
	}

	/** A tag filter that matched nothing: an empty tree, and why. */
	private static String hint() {
		return TreeJson.write(
				new TreeJson.Header("async", "alloc", "bytes")
					.withHint("no samples match http.route:/missing; http.route has /{n}, /sleep"),
				new QueryResult(new CallTree(), new FrameTable(100), FROM, TO));
	}

	/**
	 * A tree cut short: paths the store had no room for under {@code [truncated]}, and
	 * one cut by maxDepth, whose weight is OWN of the node kept above.
	 */
	private static String truncated() {
		FrameTable frames = new FrameTable(100);
		CallTree tree = new CallTree();
		tree.add(
				stack(frames, "java.lang.Thread.run", "com.example.Deep.a", "com.example.Deep.b", "com.example.Deep.c"),
				4, 7);
		tree.add(new int[] { FrameTable.TRUNCATED_ID }, 1, 3);
		return TreeJson.write(new TreeJson.Header("jfr", "wall", "samples"),
				new QueryResult(tree.pruned(2, 0), frames, FROM, TO));
	}

	private static int[] stack(FrameTable frames, String... names) {
		int[] stack = new int[names.length];
		for (int i = 0; i < names.length; i++) {
			stack[i] = frames.intern(names[i]);
		}
		return stack;
	}

}
