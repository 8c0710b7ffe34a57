package io.github.profiling.bench;

import io.github.profiling.model.FrameTable;

import java.util.Random;

/**
 * Stacks shaped like a web server's: a common trunk (thread start, container, filters,
 * dispatcher) of about 40 frames, then one of a few hundred handler branches with a tail
 * of library frames, 50 to 90 frames deep in all. Seeded, so every run measures the same
 * stacks.
 */
final class SyntheticStacks {

	static final int TRUNK_DEPTH = 40;

	private SyntheticStacks() {
	}

	static int[][] generate(FrameTable frames, int count, long seed) {
		Random random = new Random(seed);
		int[] trunk = new int[TRUNK_DEPTH];
		for (int i = 0; i < TRUNK_DEPTH; i++) {
			trunk[i] = frames.intern("org.example.container.Layer" + i + ".invoke");
		}
		int[][] stacks = new int[count][];
		for (int s = 0; s < count; s++) {
			int handler = random.nextInt(300);
			int tail = 10 + random.nextInt(40);
			int[] stack = new int[TRUNK_DEPTH + tail];
			System.arraycopy(trunk, 0, stack, 0, TRUNK_DEPTH);
			stack[TRUNK_DEPTH] = frames.intern("org.example.app.Handler" + handler + ".handle");
			for (int i = 1; i < tail; i++) {
				// Library frames: a small alphabet per depth, so branches share some
				// prefixes.
				stack[TRUNK_DEPTH + i] = frames.intern("org.example.lib.Depth" + i + ".f" + random.nextInt(6));
			}
			stacks[s] = stack;
		}
		return stacks;
	}

}
