package io.github.profiling.sampler;

import io.github.profiling.sample.Sample;

import java.util.Arrays;

/**
 * Per-thread bookkeeping of the {@code jdk} sampler, keyed by thread id without boxing: the CPU
 * time seen at the previous tick, the remainder not yet paid out as a sample, and the stack the
 * thread last ran (frame ids and tags), to charge CPU found only after the thread went waiting.
 * Entries of threads not seen for a while are dropped. Not thread-safe: the sampler thread owns it.
 */
final class ThreadCpuTable {

	private static final int NO_STACK = -1;

	private long[] threadIds;

	private long[] lastCpu;

	private long[] carry;

	private long[] lastSeenTick;

	private int[][] stacks;

	private int[] stackDepths;

	private int[] stackTags;

	private int mask;

	private int size;

	private boolean lastWeighRan;

	ThreadCpuTable() {
		allocate(256);
	}

	/**
	 * Records {@code cpuNanos} for a thread at {@code tick} and returns how many whole
	 * {@code intervalNanos} of CPU it used since the previous tick, carrying the remainder. A
	 * thread's first tick weighs nothing: there is no previous reading to subtract.
	 */
	long weigh(long threadId, long cpuNanos, long tick, long intervalNanos) {
		this.lastWeighRan = false;
		int slot = find(threadId);
		if (slot < 0) {
			slot = insert(threadId);
			this.lastCpu[slot] = cpuNanos;
			this.lastSeenTick[slot] = tick;
			return 0;
		}
		long delta = cpuNanos - this.lastCpu[slot];
		this.lastCpu[slot] = cpuNanos;
		this.lastSeenTick[slot] = tick;
		if (delta <= 0) {
			// Off CPU since the last tick (RUNNABLE in native I/O, say): it weighs nothing now,
			// and what it carries waits for a tick at which it has used CPU again.
			return 0;
		}
		this.lastWeighRan = true;
		long used = delta + this.carry[slot];
		long samples = used / intervalNanos;
		this.carry[slot] = used - samples * intervalNanos;
		return samples;
	}

	/** Whether the thread of the last {@link #weigh} call used CPU since its previous tick. */
	boolean lastWeighRan() {
		return this.lastWeighRan;
	}

	/** Keeps the stack a thread was seen running, weighed before. */
	void rememberStack(long threadId, int[] frames, int depth, int tagSetId) {
		int slot = find(threadId);
		if (slot < 0) {
			return;
		}
		int[] stack = this.stacks[slot];
		if (stack == null || stack.length < depth) {
			stack = new int[Math.max(depth, 64)];
			this.stacks[slot] = stack;
		}
		System.arraycopy(frames, 0, stack, 0, depth);
		this.stackDepths[slot] = depth;
		this.stackTags[slot] = tagSetId;
	}

	/**
	 * Fills {@code sample}'s stack and tags with the stack the thread was last seen running, and
	 * forgets it: it stands for one stretch of work only.
	 * @return whether there was one
	 */
	boolean recallStack(long threadId, Sample sample) {
		int slot = find(threadId);
		if (slot < 0 || this.stackDepths[slot] == NO_STACK) {
			return false;
		}
		int depth = this.stackDepths[slot];
		System.arraycopy(this.stacks[slot], 0, sample.ensureDepth(depth), 0, depth);
		sample.tagSetId = this.stackTags[slot];
		this.stackDepths[slot] = NO_STACK;
		return true;
	}

	/** Drops threads not seen since {@code oldestTick}. */
	void evictOlderThan(long oldestTick) {
		rebuild(this.threadIds.length, oldestTick);
	}

	int size() {
		return this.size;
	}

	private int find(long threadId) {
		int slot = hash(threadId) & this.mask;
		while (this.threadIds[slot] != 0) {
			if (this.threadIds[slot] == threadId) {
				return slot;
			}
			slot = (slot + 1) & this.mask;
		}
		return -1;
	}

	// Thread ids are positive, so 0 marks an empty slot.
	private int insert(long threadId) {
		if ((this.size + 1) * 2 > this.threadIds.length) {
			rebuild(this.threadIds.length * 2, Long.MIN_VALUE);
		}
		int slot = hash(threadId) & this.mask;
		while (this.threadIds[slot] != 0) {
			slot = (slot + 1) & this.mask;
		}
		this.threadIds[slot] = threadId;
		this.stackDepths[slot] = NO_STACK;
		this.size++;
		return slot;
	}

	/** Moves the entries seen since {@code oldestTick} into new arrays of {@code capacity} slots. */
	private void rebuild(int capacity, long oldestTick) {
		long[] ids = this.threadIds;
		long[] cpu = this.lastCpu;
		long[] carried = this.carry;
		long[] seen = this.lastSeenTick;
		int[][] oldStacks = this.stacks;
		int[] depths = this.stackDepths;
		int[] tags = this.stackTags;
		allocate(capacity);
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] != 0 && seen[i] >= oldestTick) {
				int slot = insert(ids[i]);
				this.lastCpu[slot] = cpu[i];
				this.carry[slot] = carried[i];
				this.lastSeenTick[slot] = seen[i];
				this.stacks[slot] = oldStacks[i];
				this.stackDepths[slot] = depths[i];
				this.stackTags[slot] = tags[i];
			}
		}
	}

	private void allocate(int capacity) {
		this.threadIds = new long[capacity];
		this.lastCpu = new long[capacity];
		this.carry = new long[capacity];
		this.lastSeenTick = new long[capacity];
		this.stacks = new int[capacity][];
		this.stackDepths = new int[capacity];
		this.stackTags = new int[capacity];
		Arrays.fill(this.stackDepths, NO_STACK);
		this.mask = capacity - 1;
		this.size = 0;
	}

	private static int hash(long id) {
		long h = id * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}
