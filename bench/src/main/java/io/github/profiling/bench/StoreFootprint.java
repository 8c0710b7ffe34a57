package io.github.profiling.bench;

import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.tree.CallTree;

import java.time.Duration;

/**
 * Bytes per store node (a path node or a per-second weight), two ways: what the store's
 * arrays hold divided by its nodes, and the heap the store grew by (after GC) divided by
 * the same. Run:
 * {@code java -cp bench/target/benchmarks.jar io.github.profiling.bench.StoreFootprint}.
 */
public final class StoreFootprint {

	private StoreFootprint() {
	}

	public static void main(String[] args) {
		FrameTable frames = new FrameTable(100_000);
		int[][] stacks = SyntheticStacks.generate(frames, 20_000, 3);
		long before = usedHeapAfterGc();
		ProfileStore store = new ProfileStore(frames, new TagSets(100), ProfilingClock.SYSTEM, Duration.ofSeconds(1),
				Duration.ofMinutes(5), 1_000_000);
		Sample sample = new Sample();
		sample.threadName = "worker";
		sample.weight = 1;
		for (int[] stack : stacks) {
			System.arraycopy(stack, 0, sample.ensureDepth(stack.length), 0, stack.length);
			sample.timeNanos = System.nanoTime();
			store.accept(sample);
		}
		long after = usedHeapAfterGc();
		long nodes = store.nodes();
		CallTree tree = store.query(ProfileQuery.all()).tree();
		System.out.printf("store nodes: %d (path nodes plus per-second weights)%n", nodes);
		System.out.printf("array bytes per node (retainedBytes / nodes): %.1f%n",
				(double) store.retainedBytes() / nodes);
		System.out.printf("heap bytes per node (heap growth after GC / nodes): %.1f%n",
				(double) (after - before) / nodes);
		System.out.printf("whole-store query tree: %d nodes%n", tree.size());
		if (store.totalWeight() != stacks.length) {
			throw new IllegalStateException("weight lost");
		}
	}

	private static long usedHeapAfterGc() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
