package io.github.profiling.sampler;

import io.github.profiling.collect.LongIntMap;
import io.github.profiling.context.ScopeIds;
import io.github.profiling.model.Sample;

import java.util.Arrays;

/**
 * Per-thread bookkeeping of the {@code jdk} sampler, keyed by thread id without boxing:
 * the CPU time seen at the previous tick, the remainder not yet paid out as a sample, and
 * the stack the thread last ran (frame ids and tags), to charge CPU found only after the
 * thread went waiting. Entries sit in parallel arrays, found through a map from thread id
 * to entry. Entries of threads not seen for a while are dropped. Not thread-safe: the
 * sampler thread owns it.
 */
final class ThreadCpuTable {

	private static final int NO_STACK = -1;

	private static final int INITIAL_CAPACITY = 128;

	private final LongIntMap entries = new LongIntMap(INITIAL_CAPACITY);

	private long[] threadIds = new long[INITIAL_CAPACITY];

	private long[] lastCpu = new long[INITIAL_CAPACITY];

	private long[] carry = new long[INITIAL_CAPACITY];

	private long[] lastSeenTick = new long[INITIAL_CAPACITY];

	private int[][] stacks = new int[INITIAL_CAPACITY][];

	private int[] stackDepths = new int[INITIAL_CAPACITY];

	private long[] stackIds = new long[INITIAL_CAPACITY];

	private int size;

	private boolean lastWeighRan;

	/**
	 * Records {@code cpuNanos} for a thread at {@code tick} and returns how many whole
	 * {@code intervalNanos} of CPU it used since the previous tick, carrying the
	 * remainder. A thread's first tick weighs nothing: there is no previous reading to
	 * subtract.
	 */
	long weigh(long threadId, long cpuNanos, long tick, long intervalNanos) {
		this.lastWeighRan = false;
		int entry = this.entries.putIfAbsent(threadId, this.size);
		if (entry == LongIntMap.MISSING) {
			entry = add(threadId);
			this.lastCpu[entry] = cpuNanos;
			this.lastSeenTick[entry] = tick;
			return 0;
		}
		long delta = cpuNanos - this.lastCpu[entry];
		this.lastCpu[entry] = cpuNanos;
		this.lastSeenTick[entry] = tick;
		if (delta <= 0) {
			// Off CPU since the last tick (RUNNABLE in native I/O, say): it weighs
			// nothing now,
			// and what it carries waits for a tick at which it has used CPU again.
			return 0;
		}
		this.lastWeighRan = true;
		long used = delta + this.carry[entry];
		long samples = used / intervalNanos;
		this.carry[entry] = used - samples * intervalNanos;
		return samples;
	}

	/**
	 * Whether a thread known here has used CPU since it was last weighed, by
	 * {@code cpuNanos} read now; changes nothing.
	 */
	boolean ranSinceWeighed(long threadId, long cpuNanos) {
		int entry = this.entries.get(threadId);
		return entry != LongIntMap.MISSING && cpuNanos > this.lastCpu[entry];
	}

	/**
	 * Whether the thread of the last {@link #weigh} call used CPU since its previous
	 * tick.
	 */
	boolean lastWeighRan() {
		return this.lastWeighRan;
	}

	/** Keeps the stack a thread was seen running, weighed before, with its scope ids. */
	void rememberStack(long threadId, int[] frames, int depth, long ids) {
		int entry = this.entries.get(threadId);
		if (entry == LongIntMap.MISSING) {
			return;
		}
		int[] stack = this.stacks[entry];
		if (stack == null || stack.length < depth) {
			stack = new int[Math.max(depth, 64)];
			this.stacks[entry] = stack;
		}
		System.arraycopy(frames, 0, stack, 0, depth);
		this.stackDepths[entry] = depth;
		this.stackIds[entry] = ids;
	}

	/**
	 * Fills {@code sample}'s stack and tags with the stack the thread was last seen
	 * running, and forgets it: it stands for one stretch of work only.
	 * @return whether there was one
	 */
	boolean recallStack(long threadId, Sample sample) {
		int entry = this.entries.get(threadId);
		if (entry == LongIntMap.MISSING || this.stackDepths[entry] == NO_STACK) {
			return false;
		}
		int depth = this.stackDepths[entry];
		System.arraycopy(this.stacks[entry], 0, sample.ensureDepth(depth), 0, depth);
		sample.tagSetId = ScopeIds.tagSetId(this.stackIds[entry]);
		sample.requestId = ScopeIds.requestId(this.stackIds[entry]);
		this.stackDepths[entry] = NO_STACK;
		return true;
	}

	/** Drops threads not seen since {@code oldestTick}; the entries left close ranks. */
	void evictOlderThan(long oldestTick) {
		int kept = 0;
		for (int entry = 0; entry < this.size; entry++) {
			if (this.lastSeenTick[entry] < oldestTick) {
				this.entries.remove(this.threadIds[entry]);
			}
			else {
				if (kept != entry) {
					move(entry, kept);
					this.entries.put(this.threadIds[kept], kept);
				}
				kept++;
			}
		}
		this.size = kept;
	}

	int size() {
		return this.size;
	}

	/** A new entry, at the index the map was just given for it. */
	private int add(long threadId) {
		int entry = this.size;
		if (entry == this.threadIds.length) {
			grow();
		}
		this.threadIds[entry] = threadId;
		this.carry[entry] = 0;
		this.stackDepths[entry] = NO_STACK;
		this.size++;
		return entry;
	}

	// Swaps the stack buffers rather than copying one over: the dropped entry's buffer is
	// reused.
	private void move(int from, int to) {
		this.threadIds[to] = this.threadIds[from];
		this.lastCpu[to] = this.lastCpu[from];
		this.carry[to] = this.carry[from];
		this.lastSeenTick[to] = this.lastSeenTick[from];
		int[] stack = this.stacks[to];
		this.stacks[to] = this.stacks[from];
		this.stacks[from] = stack;
		this.stackDepths[to] = this.stackDepths[from];
		this.stackIds[to] = this.stackIds[from];
	}

	private void grow() {
		int capacity = this.threadIds.length * 2;
		this.threadIds = Arrays.copyOf(this.threadIds, capacity);
		this.lastCpu = Arrays.copyOf(this.lastCpu, capacity);
		this.carry = Arrays.copyOf(this.carry, capacity);
		this.lastSeenTick = Arrays.copyOf(this.lastSeenTick, capacity);
		this.stacks = Arrays.copyOf(this.stacks, capacity);
		this.stackDepths = Arrays.copyOf(this.stackDepths, capacity);
		this.stackIds = Arrays.copyOf(this.stackIds, capacity);
	}

}
