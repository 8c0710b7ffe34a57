package io.github.profiling.viewer.model;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.Test;

class FlatViewTest {

	@Test
	void sumsEachFunctionOverTheWholeTree() {
		// log is called from two places
		TreeDocument tree = TestTrees.sampling(node("a", 1, node("log", 4)),
				node("b", 2, node("log", 6), node("c", 3)));

		TreeDocument flat = FlatView.of(tree);

		CallNode log = flat.root().child("log");
		assertThat(log.own()).isEqualTo(10);
		assertThat(log.deep()).isEqualTo(10);
		assertThat(flat.root().child("b").own()).isEqualTo(2);
		assertThat(flat.root().child("b").deep()).isEqualTo(11);
		assertThat(flat.root().children()).extracting(CallNode::name).containsExactlyInAnyOrder("a", "log", "b", "c");
		assertThat(flat.root().children()).allMatch(function -> !function.hasChildren());
	}

	@Test
	void ownAddsUpToTheTotal() {
		TreeDocument tree = TestTrees.factorial();

		long ownSum = FlatView.of(tree).root().children().stream().mapToLong(CallNode::own).sum();

		assertThat(ownSum).isEqualTo(tree.root().deep()).isEqualTo(100);
		assertThat(FlatView.of(tree).root().deep()).isEqualTo(100);
	}

	@Test
	void countsARecursiveFunctionsDeepOnce() {
		TreeDocument tree = TestTrees.sampling(node("fib", 1, node("fib", 2, node("fib", 3))));

		CallNode fib = FlatView.of(tree).root().child("fib");

		assertThat(fib.own()).isEqualTo(6);
		assertThat(fib.deep()).isEqualTo(6);
	}

	@Test
	void handlesRecursionThousandsOfFramesDeep() {
		CallNode chain = node("fib", 1);
		for (int i = 0; i < 5000; i++) {
			chain = node("fib", 1, chain);
		}

		CallNode fib = FlatView.of(TestTrees.sampling(chain)).root().child("fib");

		assertThat(fib.own()).isEqualTo(5001);
		assertThat(fib.deep()).isEqualTo(5001);
	}

	@Test
	void sumsCallsAndTimesOfTracingTrees() {
		CallNode first = new CallNode("f", 0, 0, 3, 30, 40, java.util.List.of());
		CallNode second = new CallNode("f", 0, 0, 2, 20, 20, java.util.List.of());
		CallNode a = new CallNode("a", 0, 0, 1, 0, 40, java.util.List.of(first));
		CallNode b = new CallNode("b", 0, 0, 1, 0, 20, java.util.List.of(second));
		CallNode root = new CallNode("all", 0, 0, 0, 0, 60, java.util.List.of(a, b));
		TreeDocument tree = new TreeDocument("tracer", "calls", "nanoseconds", null, null, 60, root, true);

		CallNode f = FlatView.of(tree).root().child("f");

		assertThat(f.calls()).isEqualTo(5);
		assertThat(f.ownNanos()).isEqualTo(50);
		assertThat(f.deepNanos()).isEqualTo(60);
	}

}
