package io.github.profiling.viewer.testing;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.github.profiling.viewer.model.CallNode;
import io.github.profiling.viewer.model.TreeDocument;

/**
 * Small trees for tests, built so that every node's DEEP is its OWN plus its children's
 * DEEP.
 */
public final class TestTrees {

	public static final Instant FROM = Instant.parse("2026-11-30T09:00:00Z");

	public static final Instant TO = Instant.parse("2026-11-30T09:00:01Z");

	private TestTrees() {
	}

	public static CallNode node(String name, long own, CallNode... children) {
		long deep = own + Arrays.stream(children).mapToLong(CallNode::deep).sum();
		return CallNode.sampled(name, own, deep, List.of(children));
	}

	/** A sampling tree under a root called {@code all}. */
	public static TreeDocument sampling(CallNode... children) {
		CallNode root = node("all", 0, children);
		return new TreeDocument("jdk", "cpu", "samples", FROM, TO, root.deep(), root, false);
	}

	/**
	 * The factorial tree the tests share:
	 *
	 * <pre>
	 * all 100
	 *   java.lang.Thread.run 90
	 *     app.Controller.factorial 80 (own 5)
	 *       java.math.BigInteger.multiply 70 (own 60)
	 *         java.math.BigInteger.multiplyToLen 10
	 *       app.Log.debug 5
	 *     java.lang.Object.wait 10
	 *   gc 10
	 * </pre>
	 */
	public static TreeDocument factorial() {
		return sampling(node("java.lang.Thread.run", 0,
				node("app.Controller.factorial", 5,
						node("java.math.BigInteger.multiply", 60, node("java.math.BigInteger.multiplyToLen", 10)),
						node("app.Log.debug", 5)),
				node("java.lang.Object.wait", 10)), node("gc", 10));
	}

}
