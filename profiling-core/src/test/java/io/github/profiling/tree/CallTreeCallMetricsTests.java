package io.github.profiling.tree;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Call metrics of traced trees: absent from sampled trees, kept by merge and pruning. */
class CallTreeCallMetricsTests {

	@Test
	void sampledTreesHaveNoCallMetrics() {
		CallTree tree = new CallTree();
		tree.add(new int[] { 5, 6 }, 2, 3);
		assertThat(tree.hasCallMetrics()).isFalse();
		assertThat(tree.calls(1)).isZero();
	}

	@Test
	void mergeAddsCallMetricsAndPruningKeepsThoseOfKeptNodes() {
		CallTree source = tracedTree();
		CallTree target = new CallTree();
		target.merge(source);
		target.merge(source);
		int a = target.child(CallTree.ROOT, 5);
		int b = target.child(a, 6);
		assertThat(target.hasCallMetrics()).isTrue();
		assertThat(target.calls(a)).isEqualTo(2);
		assertThat(target.deepNanos(a)).isEqualTo(200);
		assertThat(target.ownNanos(a)).isEqualTo(60);
		assertThat(target.calls(b)).isEqualTo(8);
		assertThat(target.deep(a)).isEqualTo(200);

		// b is cut: its weight joins a's OWN, while a's call metrics still describe a's
		// calls.
		CallTree pruned = target.pruned(1, 0);
		int prunedA = pruned.child(CallTree.ROOT, 5);
		assertThat(pruned.firstChild(prunedA)).isEqualTo(CallTree.NONE);
		assertThat(pruned.own(prunedA)).isEqualTo(200);
		assertThat(pruned.ownNanos(prunedA)).isEqualTo(60);
		assertThat(pruned.calls(prunedA)).isEqualTo(2);
		assertThat(pruned.deepNanos(prunedA)).isEqualTo(200);
	}

	/** One call of a (100 ns deep) making 4 calls of b (70 ns in all). */
	private static CallTree tracedTree() {
		CallTree tree = new CallTree();
		int a = tree.create(CallTree.ROOT, 5);
		int b = tree.create(a, 6);
		tree.addPath(CallTree.ROOT, new int[] { 5 }, 1, 30);
		tree.addPath(CallTree.ROOT, new int[] { 5, 6 }, 2, 70);
		tree.addCalls(a, 1, 30, 100);
		tree.addCalls(b, 4, 70, 70);
		return tree;
	}

}
