package io.github.profiling.tree;

import io.github.profiling.testing.SmallStack;
import io.github.profiling.testing.Trees;
import io.github.profiling.testing.Trees.Weights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.github.profiling.testing.Trees.assertInvariants;
import static io.github.profiling.testing.Trees.byPath;
import static org.assertj.core.api.Assertions.assertThat;

class CallTreeTest {

	/** Frame ids 3..7: a small alphabet, so that random stacks share prefixes. */
	private static final int FIRST_FRAME = 3;

	private static final int ALPHABET = 5;

	private static final int MAX_DEPTH = 8;

	private record Stack(int[] frames, long weight) {
	}

	private static List<Stack> randomStacks(Random random, int count) {
		List<Stack> stacks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int[] frames = new int[random.nextInt(MAX_DEPTH + 1)];
			for (int d = 0; d < frames.length; d++) {
				frames[d] = FIRST_FRAME + random.nextInt(ALPHABET);
			}
			stacks.add(new Stack(frames, 1 + random.nextInt(10)));
		}
		return stacks;
	}

	private static CallTree treeOf(List<Stack> stacks) {
		CallTree tree = new CallTree(4);
		for (Stack stack : stacks) {
			tree.add(stack.frames(), stack.frames().length, stack.weight());
		}
		return tree;
	}

	private static long totalWeight(List<Stack> stacks) {
		return stacks.stream().mapToLong(Stack::weight).sum();
	}

	@Test
	void addingSamplesKeepsInvariantsAndCountsEveryWeight() {
		Random random = new Random(1);
		List<Stack> stacks = randomStacks(random, 500);
		CallTree tree = treeOf(stacks);
		assertInvariants(tree);
		assertThat(tree.total()).isEqualTo(totalWeight(stacks));
	}

	@Test
	void emptyStacksWeighOnTheRootItself() {
		CallTree tree = new CallTree();
		tree.add(new int[0], 0, 7);
		tree.add(new int[] { 3 }, 1, 2);
		assertInvariants(tree);
		assertThat(tree.own(CallTree.ROOT)).isEqualTo(7);
		assertThat(tree.deep(CallTree.ROOT)).isEqualTo(9);
		assertThat(tree.size()).isEqualTo(2);
	}

	@Test
	void addingOnlyFollowsTheGivenDepthOfTheStackArray() {
		CallTree tree = new CallTree();
		tree.add(new int[] { 3, 4, 5, 6 }, 2, 1);
		assertThat(Trees.nodeAt(tree, 3, 4)).isNotEqualTo(CallTree.NONE);
		assertThat(Trees.nodeAt(tree, 3, 4, 5)).isEqualTo(CallTree.NONE);
		assertThat(tree.own(Trees.nodeAt(tree, 3, 4))).isEqualTo(1);
	}

	@Test
	void mergingRandomTreesInRandomOrderEqualsTheTreeOfAllSamples() {
		for (int seed = 0; seed < 30; seed++) {
			Random random = new Random(seed);
			List<Stack> all = new ArrayList<>();
			List<CallTree> trees = new ArrayList<>();
			int treeCount = 2 + random.nextInt(6);
			for (int t = 0; t < treeCount; t++) {
				List<Stack> stacks = randomStacks(random, random.nextInt(40));
				all.addAll(stacks);
				CallTree tree = treeOf(stacks);
				assertInvariants(tree);
				trees.add(tree);
			}
			Collections.shuffle(trees, random);

			CallTree merged = new CallTree(4);
			for (CallTree tree : trees) {
				merged.merge(tree);
				assertInvariants(merged);
			}

			assertThat(merged.total()).as("seed %d", seed).isEqualTo(totalWeight(all));
			assertThat(byPath(merged)).as("seed %d", seed).isEqualTo(byPath(treeOf(all)));
		}
	}

	@Test
	void mergingInAnyGroupingEqualsTheTreeOfAllSamples() {
		for (int seed = 0; seed < 30; seed++) {
			Random random = new Random(1000 + seed);
			List<Stack> all = new ArrayList<>();
			List<CallTree> trees = new ArrayList<>();
			int treeCount = 2 + random.nextInt(8);
			for (int t = 0; t < treeCount; t++) {
				List<Stack> stacks = randomStacks(random, random.nextInt(30));
				all.addAll(stacks);
				trees.add(treeOf(stacks));
			}
			// Merge a random pair until one tree is left: (a+b)+(c+d) as well as
			// ((a+b)+c)+d.
			while (trees.size() > 1) {
				CallTree target = trees.remove(random.nextInt(trees.size()));
				CallTree source = trees.remove(random.nextInt(trees.size()));
				target.merge(source);
				assertInvariants(target);
				trees.add(target);
			}
			CallTree merged = trees.get(0);

			assertThat(merged.total()).as("seed %d", seed).isEqualTo(totalWeight(all));
			assertThat(byPath(merged)).as("seed %d", seed).isEqualTo(byPath(treeOf(all)));
		}
	}

	@Test
	void mergingLeavesTheSourceUnchanged() {
		Random random = new Random(7);
		CallTree source = treeOf(randomStacks(random, 50));
		Map<List<Integer>, Weights> before = byPath(source);
		CallTree target = treeOf(randomStacks(random, 50));
		target.merge(source);
		assertThat(byPath(source)).isEqualTo(before);
	}

	@Test
	void mergingASubtreeBelowANodeAddsItsWeightThere() {
		CallTree source = new CallTree();
		source.add(new int[] { 3, 4 }, 2, 5);
		source.add(new int[] { 3 }, 1, 1);
		CallTree target = new CallTree();
		int group = target.create(CallTree.ROOT, 9);

		target.merge(source, Trees.nodeAt(source, 3), group);

		assertThat(target.own(group)).isEqualTo(1);
		assertThat(target.deep(group)).isEqualTo(6);
		assertThat(target.deep(Trees.nodeAt(target, 9, 4))).isEqualTo(5);
		// The ancestors of the target node are the caller's to update.
		assertThat(target.deep(CallTree.ROOT)).isZero();
	}

	@Test
	void prunedKeepsInvariantsTotalDepthAndThreshold() {
		int[] maxDepths = { 0, 1, 2, 3, 5, MAX_DEPTH, 100 };
		double[] minPercents = { 0, 1, 5, 12.5, 30, 50, 100 };
		for (int seed = 0; seed < 10; seed++) {
			Random random = new Random(seed);
			CallTree tree = treeOf(randomStacks(random, 200));
			Map<List<Integer>, Weights> original = byPath(tree);
			long total = tree.total();
			for (int maxDepth : maxDepths) {
				for (double minPercent : minPercents) {
					CallTree pruned = tree.pruned(maxDepth, minPercent);
					String what = "seed " + seed + ", maxDepth " + maxDepth + ", minPercent " + minPercent;

					assertInvariants(pruned);
					assertThat(pruned.total()).as(what).isEqualTo(total);
					Map<List<Integer>, Weights> kept = byPath(pruned);
					for (Map.Entry<List<Integer>, Weights> entry : kept.entrySet()) {
						List<Integer> path = entry.getKey();
						long deep = entry.getValue().deep();
						assertThat(path.size()).as(what).isLessThanOrEqualTo(maxDepth);
						// A kept node keeps its DEEP; what was cut below it went to its
						// OWN.
						assertThat(deep).as(what + ", deep of " + path).isEqualTo(original.get(path).deep());
						if (!path.isEmpty()) {
							assertThat(deep * 100.0).as(what + ", share of " + path)
								.isGreaterThanOrEqualTo(minPercent * total);
						}
					}
					// And every node within both limits is kept.
					for (Map.Entry<List<Integer>, Weights> entry : original.entrySet()) {
						List<Integer> path = entry.getKey();
						long deep = entry.getValue().deep();
						if (path.size() <= maxDepth && deep > 0 && deep * 100.0 >= minPercent * total) {
							assertThat(kept).as(what).containsKey(path);
						}
					}
				}
			}
		}
	}

	@Test
	void prunedToDepthZeroIsTheRootWithAllWeightAsOwn() {
		CallTree tree = treeOf(randomStacks(new Random(3), 100));
		CallTree pruned = tree.pruned(0, 0);
		assertThat(pruned.size()).isEqualTo(1);
		assertThat(pruned.own(CallTree.ROOT)).isEqualTo(tree.total());
	}

	@Test
	void manyChildrenAreFoundAgainAfterTheTreeGrows() {
		CallTree tree = new CallTree(4);
		for (int frame = 3; frame < 3003; frame++) {
			tree.add(new int[] { frame, frame + 1 }, 2, frame);
		}
		assertInvariants(tree);
		assertThat(tree.size()).isEqualTo(1 + 2 * 3000);
		for (int frame = 3; frame < 3003; frame++) {
			int node = tree.child(CallTree.ROOT, frame);
			assertThat(node).isNotEqualTo(CallTree.NONE);
			assertThat(tree.frame(node)).isEqualTo(frame);
			assertThat(tree.deep(node)).isEqualTo(frame);
			int leaf = tree.child(node, frame + 1);
			assertThat(tree.own(leaf)).isEqualTo(frame);
		}
		assertThat(tree.child(CallTree.ROOT, 5000)).isEqualTo(CallTree.NONE);
	}

	@Test
	void clearEmptiesTheTreeForReuse() {
		CallTree tree = treeOf(randomStacks(new Random(5), 100));
		tree.clear();
		assertThat(tree.size()).isEqualTo(1);
		assertThat(tree.total()).isZero();
		assertThat(tree.firstChild(CallTree.ROOT)).isEqualTo(CallTree.NONE);
		assertThat(tree.child(CallTree.ROOT, FIRST_FRAME)).isEqualTo(CallTree.NONE);

		List<Stack> stacks = randomStacks(new Random(6), 100);
		for (Stack stack : stacks) {
			tree.add(stack.frames(), stack.frames().length, stack.weight());
		}
		assertInvariants(tree);
		assertThat(byPath(tree)).isEqualTo(byPath(treeOf(stacks)));
	}

	@Test
	void deepStacksMergeAndPruneWithoutOverflowingTheJavaStack() {
		int depth = 5000;
		int[] stack = new int[depth];
		for (int i = 0; i < depth; i++) {
			stack[i] = FIRST_FRAME + i;
		}
		int[] forked = stack.clone();
		forked[depth / 2] = FIRST_FRAME + depth;

		SmallStack.run(() -> {
			CallTree a = new CallTree();
			a.add(stack, depth, 3);
			CallTree b = new CallTree();
			b.add(forked, depth, 2);
			b.add(stack, depth, 1);

			CallTree merged = new CallTree();
			merged.merge(a);
			merged.merge(b);
			assertInvariants(merged);
			assertThat(merged.total()).isEqualTo(6);
			assertThat(merged.size()).isEqualTo(1 + depth + depth / 2);
			int leaf = Trees.nodeAt(merged, stack);
			assertThat(merged.depth(leaf)).isEqualTo(depth);
			assertThat(merged.own(leaf)).isEqualTo(4);
			assertThat(merged.own(Trees.nodeAt(merged, forked))).isEqualTo(2);

			CallTree pruned = merged.pruned(Integer.MAX_VALUE, 0);
			assertInvariants(pruned);
			assertThat(pruned.size()).isEqualTo(merged.size());
			CallTree cut = merged.pruned(depth / 2, 0);
			assertInvariants(cut);
			assertThat(cut.total()).isEqualTo(6);
		});
	}

}
