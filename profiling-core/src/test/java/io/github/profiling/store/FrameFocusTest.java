package io.github.profiling.store;

import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.Sample;
import io.github.profiling.testing.ManualClock;
import io.github.profiling.testing.Trees;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameFocusTest {

	private final FrameTable frames = new FrameTable(1_000);

	private final ManualClock clock = new ManualClock(1_000 * ManualClock.SECOND);

	private final ProfileStore store = new ProfileStore(this.frames, new TagSets(10), this.clock, Duration.ofSeconds(1),
			Duration.ofSeconds(10), 10_000);

	private void ingest(long weight, String... names) {
		int[] stack = new int[names.length];
		for (int i = 0; i < names.length; i++) {
			stack[i] = this.frames.intern(names[i]);
		}
		this.store.accept(new Sample().set(1, "exec-1", this.clock.nanoTime(), stack, weight, TagSets.EMPTY_ID));
	}

	private CallTree focused(String... prefixes) {
		CallTree tree = this.store.query(ProfileQuery.all().withFocus(FrameFocus.on(List.of(prefixes)))).tree();
		Trees.assertInvariants(tree);
		return tree;
	}

	private int child(CallTree tree, int node, String name) {
		return tree.child(node, this.frames.intern(name));
	}

	@Test
	void pathsStartAtTheirFirstFrameInFocusAndTheRestIsOutside() {
		ingest(5, "java.lang.Thread.run", "org.apache.Valve.invoke", "com.example.shop.Cart.add",
				"java.math.BigInteger.multiply");
		ingest(3, "java.lang.Thread.run", "org.apache.Valve.invoke", "org.apache.Filter.doFilter",
				"com.example.shop.Cart.add");
		ingest(7, "java.lang.Thread.run", "org.apache.Poller.poll");
		// Only the first frame in focus cuts: the same package further down stays where
		// it is.
		ingest(2, "java.lang.Thread.run", "com.example.shop.Orders.list", "org.hibernate.Query.list",
				"com.example.shop.Orders.map");
		// A package that merely starts alike is not in focus.
		ingest(4, "java.lang.Thread.run", "com.examples.Other.run");

		CallTree tree = focused("com.example");

		assertThat(tree.total()).isEqualTo(21);
		int cart = child(tree, CallTree.ROOT, "com.example.shop.Cart.add");
		assertThat(tree.deep(cart)).isEqualTo(8);
		assertThat(tree.own(cart)).isEqualTo(3);
		assertThat(tree.deep(child(tree, cart, "java.math.BigInteger.multiply"))).isEqualTo(5);
		int orders = child(tree, CallTree.ROOT, "com.example.shop.Orders.list");
		int map = child(tree, child(tree, orders, "org.hibernate.Query.list"), "com.example.shop.Orders.map");
		assertThat(tree.own(map)).isEqualTo(2);
		int outside = child(tree, CallTree.ROOT, FrameFocus.OUTSIDE);
		assertThat(tree.deep(outside)).isEqualTo(11);
		assertThat(child(tree, CallTree.ROOT, "java.lang.Thread.run")).isEqualTo(CallTree.NONE);
	}

	@Test
	void severalPrefixesAndClassNamesFocusAlike() {
		ingest(5, "java.lang.Thread.run", "org.apache.Valve.invoke", "com.example.shop.Cart.add");
		ingest(1, "java.lang.Thread.run", "org.acme.Job.run");

		CallTree tree = focused("com.example.shop.Cart", "org.acme");

		assertThat(tree.deep(child(tree, CallTree.ROOT, "com.example.shop.Cart.add"))).isEqualTo(5);
		assertThat(tree.deep(child(tree, CallTree.ROOT, "org.acme.Job.run"))).isEqualTo(1);
		assertThat(child(tree, CallTree.ROOT, FrameFocus.OUTSIDE)).isEqualTo(CallTree.NONE);
	}

	@Test
	void rejectsAnEmptyFocus() {
		assertThatIllegalArgumentException().isThrownBy(() -> FrameFocus.on(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> FrameFocus.on(List.of(" ")));
	}

}
