package io.github.profiling.sampler;

import io.github.profiling.collect.LongIntMap;
import io.github.profiling.model.Sample;

/**
 * The stack last seen running under each tag set (a route, say), on any thread: what the
 * {@code jdk} sampler charges a request's CPU to when the request ran between two ticks
 * and its own stack was never seen. Bounded: once {@link #CAPACITY} tag sets are kept, it
 * starts afresh. Used by the sampler's thread only.
 */
final class TagStacks {

	static final int CAPACITY = 256;

	private final LongIntMap slots = new LongIntMap(CAPACITY);

	private final int[][] stacks = new int[CAPACITY][];

	private final int[] depths = new int[CAPACITY];

	void remember(int tagSetId, int[] frames, int depth) {
		int slot = this.slots.get(tagSetId);
		if (slot == LongIntMap.MISSING) {
			if (this.slots.size() == CAPACITY) {
				this.slots.clear();
			}
			slot = this.slots.size();
			this.slots.put(tagSetId, slot);
		}
		int[] stack = this.stacks[slot];
		if (stack == null || stack.length < depth) {
			stack = new int[Math.max(depth, 64)];
			this.stacks[slot] = stack;
		}
		System.arraycopy(frames, 0, stack, 0, depth);
		this.depths[slot] = depth;
	}

	/**
	 * Puts the stack last seen under {@code tagSetId} into {@code sample}. @return
	 * whether one was
	 */
	boolean recall(int tagSetId, Sample sample) {
		int slot = this.slots.get(tagSetId);
		if (slot == LongIntMap.MISSING) {
			return false;
		}
		int depth = this.depths[slot];
		System.arraycopy(this.stacks[slot], 0, sample.ensureDepth(depth), 0, depth);
		sample.tagSetId = tagSetId;
		return true;
	}

}
