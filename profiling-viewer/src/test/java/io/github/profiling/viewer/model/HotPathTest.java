package io.github.profiling.viewer.model;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.Test;

class HotPathTest {

	@Test
	void followsTheHeaviestChildDownToALeaf() {
		TreeDocument tree = TestTrees.factorial();

		assertThat(HotPath.below(tree.root(), NodePath.of("all"), false)).containsExactly(
				NodePath.of("all", "java.lang.Thread.run"),
				NodePath.of("all", "java.lang.Thread.run", "app.Controller.factorial"),
				NodePath.of("all", "java.lang.Thread.run", "app.Controller.factorial", "java.math.BigInteger.multiply"),
				NodePath.of("all", "java.lang.Thread.run", "app.Controller.factorial", "java.math.BigInteger.multiply",
						"java.math.BigInteger.multiplyToLen"));
	}

	@Test
	void startsAnywhereAndIsEmptyForALeaf() {
		CallNode start = node("x", 0, node("light", 1), node("heavy", 0, node("leaf", 9)));
		NodePath at = NodePath.of("all", "x");

		assertThat(HotPath.below(start, at, false)).containsExactly(at.child("heavy"), at.child("heavy").child("leaf"));
		assertThat(HotPath.below(node("leaf", 3), NodePath.of("leaf"), false)).isEmpty();
	}

	@Test
	void takesTheFirstNameOnATie() {
		CallNode start = node("x", 0, node("b", 5), node("a", 5));

		assertThat(HotPath.heaviestChild(start, false).name()).isEqualTo("a");
	}

}
