package io.github.profiling.tree;

import io.github.profiling.testing.Trees.Weights;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.github.profiling.testing.Trees.assertInvariants;
import static io.github.profiling.testing.Trees.byPath;
import static io.github.profiling.testing.Trees.byPathWithWeight;
import static org.assertj.core.api.Assertions.assertThat;

class DiffTreeTest {

	private static CallTree randomTree(Random random, int frames, int samples) {
		CallTree tree = new CallTree();
		for (int i = 0; i < samples; i++) {
			int[] stack = new int[random.nextInt(6)];
			for (int d = 0; d < stack.length; d++) {
				stack[d] = 1 + random.nextInt(frames);
			}
			tree.add(stack, stack.length, 1 + random.nextInt(4));
		}
		return tree;
	}

	@Test
	void bothSidesHoldTheirProfileExactlyOnTheUnionOfTheirPaths() {
		Random random = new Random(7);
		for (int round = 0; round < 50; round++) {
			// Different frame sets, so that each side has paths the other lacks.
			CallTree base = randomTree(random, 3 + random.nextInt(3), random.nextInt(200));
			CallTree compared = randomTree(random, 3 + random.nextInt(3), random.nextInt(200));
			DiffTree diff = DiffTree.of(base, compared);

			assertInvariants(diff.base());
			assertInvariants(diff.compared());
			assertThat(byPathWithWeight(diff.base())).isEqualTo(byPathWithWeight(base));
			assertThat(byPathWithWeight(diff.compared())).isEqualTo(byPathWithWeight(compared));
			// The same nodes on both sides: every path once, with the same number.
			Set<List<Integer>> union = new HashSet<>(byPath(base).keySet());
			union.addAll(byPath(compared).keySet());
			assertThat(byPath(diff.base()).keySet()).isEqualTo(union);
			assertThat(byPath(diff.compared()).keySet()).isEqualTo(union);
			for (int node = 0; node < diff.size(); node++) {
				assertThat(diff.base().frame(node)).isEqualTo(diff.compared().frame(node));
				assertThat(diff.base().parent(node)).isEqualTo(diff.compared().parent(node));
			}
		}
	}

	@Test
	void prunedCutsANodeOnlyWhereItIsSmallOnBothSidesAndKeepsBothTotals() {
		Random random = new Random(11);
		for (int round = 0; round < 50; round++) {
			DiffTree diff = DiffTree.of(randomTree(random, 5, 300), randomTree(random, 5, 300));
			double minPercent = random.nextInt(20);
			int maxDepth = 1 + random.nextInt(5);
			DiffTree pruned = diff.pruned(maxDepth, minPercent);

			assertInvariants(pruned.base());
			assertInvariants(pruned.compared());
			assertThat(pruned.base().total()).isEqualTo(diff.base().total());
			assertThat(pruned.compared().total()).isEqualTo(diff.compared().total());
			Map<List<Integer>, Weights> base = byPath(diff.base());
			Map<List<Integer>, Weights> compared = byPath(diff.compared());
			Map<List<Integer>, Weights> prunedBase = byPath(pruned.base());
			Map<List<Integer>, Weights> prunedCompared = byPath(pruned.compared());
			assertThat(prunedBase.keySet()).isEqualTo(prunedCompared.keySet());
			for (List<Integer> path : compared.keySet()) {
				boolean big = reaches(base.get(path).deep(), diff.base().total(), minPercent)
						|| reaches(compared.get(path).deep(), diff.compared().total(), minPercent);
				boolean ancestorsKept = path.isEmpty() || prunedCompared.containsKey(path.subList(0, path.size() - 1));
				boolean kept = path.isEmpty() || (ancestorsKept && path.size() <= maxDepth && big);
				assertThat(prunedCompared.containsKey(path)).as("path %s", path).isEqualTo(kept);
				if (kept) {
					assertThat(prunedBase.get(path).deep()).isEqualTo(base.get(path).deep());
					assertThat(prunedCompared.get(path).deep()).isEqualTo(compared.get(path).deep());
				}
			}
		}
	}

	private static boolean reaches(long deep, long total, double minPercent) {
		return deep > 0 && deep >= Math.ceil(total * minPercent / 100.0);
	}

	@Test
	void anEmptySideWeighsNothingEverywhere() {
		CallTree compared = new CallTree();
		compared.add(new int[] { 1, 2 }, 2, 5);
		DiffTree diff = DiffTree.of(new CallTree(), compared);
		DiffTree pruned = diff.pruned(10, 50);

		assertThat(diff.base().total()).isZero();
		assertThat(byPath(pruned.base()).values()).allMatch((weights) -> weights.deep() == 0);
		assertThat(byPath(pruned.compared())).isEqualTo(byPath(compared));
	}

}
