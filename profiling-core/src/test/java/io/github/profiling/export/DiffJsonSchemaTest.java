package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.DiffResult;
import io.github.profiling.tree.CallTree;
import io.github.profiling.tree.DiffTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Random;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every comparison written is valid by {@code diff.schema.json}, shipped in this package.
 */
class DiffJsonSchemaTest {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final FrameTable frames = new FrameTable(1_000);

	private CallTree randomTree(Random random, int samples) {
		CallTree tree = new CallTree();
		for (int i = 0; i < samples; i++) {
			int[] stack = new int[random.nextInt(5)];
			for (int d = 0; d < stack.length; d++) {
				stack[d] = this.frames.intern("com.example.C" + random.nextInt(4) + ".m");
			}
			tree.add(stack, stack.length, 1 + random.nextInt(3));
		}
		return tree;
	}

	@Test
	void comparisonsAreValidBySchema() {
		Schema schema = schema();
		Random random = new Random(4);
		for (int round = 0; round < 20; round++) {
			DiffTree tree = DiffTree.of(randomTree(random, random.nextInt(50)), randomTree(random, random.nextInt(50)));
			DiffResult result = new DiffResult(tree, this.frames, T0, T0.plusSeconds(60), T0.plusSeconds(60),
					T0.plusSeconds(120), null);
			TreeJson.Header header = new TreeJson.Header("jdk", "cpu", "samples", (round % 2 == 0) ? "a hint" : null);
			assertThat(schema.validate(DiffJson.write(header, result), InputFormat.JSON)).extracting(Error::toString)
				.isEmpty();
		}
	}

	@Test
	void aTreeDocumentIsNotAComparison() {
		CallTree tree = new CallTree();
		tree.add(new int[] { this.frames.intern("a.B.c") }, 1, 2);
		String json = TreeJson.write(new TreeJson.Header("jdk", "cpu", "samples"),
				new io.github.profiling.store.QueryResult(tree, this.frames, T0, T0.plusSeconds(1)));
		assertThat(schema().validate(json, InputFormat.JSON)).isNotEmpty();
	}

	private static Schema schema() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		try (InputStream in = DiffJson.class.getResourceAsStream("diff.schema.json")) {
			return registry.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
