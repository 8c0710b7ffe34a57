package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.tree.CallTree;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CollapsedStacksTest {

	@Test
	void linesAddUpToTheTreeTotalAndSpellEachPath() {
		FrameTable frames = new FrameTable(1000);
		int a = frames.intern("com.example.A.run");
		int b = frames.intern("com.example.B.work");
		int c = frames.intern("java.math.BigInteger.multiply");
		CallTree tree = new CallTree();
		tree.add(new int[] { a, b, c }, 3, 5);
		tree.add(new int[] { a, b }, 2, 2);
		tree.add(new int[] { a }, 1, 1);
		tree.add(new int[0], 0, 4);
		String collapsed = CollapsedStacks.write(result(tree, frames));
		assertThat(collapsed.lines()).containsExactlyInAnyOrder("all 4", "com.example.A.run 1",
				"com.example.A.run;com.example.B.work 2",
				"com.example.A.run;com.example.B.work;java.math.BigInteger.multiply 5");
	}

	@Test
	void randomTreesConserveWeight() {
		Random random = new Random(42);
		FrameTable frames = new FrameTable(1000);
		int[] alphabet = new int[8];
		for (int i = 0; i < alphabet.length; i++) {
			alphabet[i] = frames.intern("f" + i);
		}
		CallTree tree = new CallTree();
		long total = 0;
		for (int s = 0; s < 2000; s++) {
			int depth = random.nextInt(30);
			int[] stack = new int[depth];
			for (int i = 0; i < depth; i++) {
				stack[i] = alphabet[random.nextInt(alphabet.length)];
			}
			long weight = 1 + random.nextInt(5);
			tree.add(stack, depth, weight);
			total += weight;
		}
		long sum = CollapsedStacks.write(result(tree, frames))
			.lines()
			.mapToLong((line) -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
		assertThat(sum).isEqualTo(total).isEqualTo(tree.total());
	}

	@Test
	void namesCannotBreakTheFormat() {
		FrameTable frames = new FrameTable(100);
		int odd = frames.intern("weird;name with space");
		CallTree tree = new CallTree();
		tree.add(new int[] { odd }, 1, 3);
		assertThat(CollapsedStacks.write(result(tree, frames))).isEqualTo("weird:name_with_space 3\n");
	}

	private static QueryResult result(CallTree tree, FrameTable frames) {
		return new QueryResult(tree, frames, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
	}

}
