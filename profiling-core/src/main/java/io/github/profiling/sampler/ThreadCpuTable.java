package io.github.profiling.sampler;

import java.util.Arrays;

/**
 * Per-thread CPU bookkeeping of the {@code jdk} sampler, keyed by thread id without boxing:
 * the CPU time seen at the previous tick and the remainder not yet paid out as a sample. Entries
 * of threads not seen for a while are dropped. Not thread-safe: the sampler thread owns it.
 */
final class ThreadCpuTable {

	private long[] threadIds;

	private long[] lastCpu;

	private long[] carry;

	private long[] lastSeenTick;

	private int mask;

	private int size;

	ThreadCpuTable() {
		allocate(256);
	}

	/**
	 * Records {@code cpuNanos} for a thread at {@code tick} and returns how many whole
	 * {@code intervalNanos} of CPU it used since the previous tick, carrying the remainder. A
	 * thread's first tick weighs nothing: there is no previous reading to subtract.
	 */
	long weigh(long threadId, long cpuNanos, long tick, long intervalNanos) {
		int slot = find(threadId);
		if (slot < 0) {
			slot = insert(threadId);
			this.lastCpu[slot] = cpuNanos;
			this.lastSeenTick[slot] = tick;
			return 0;
		}
		long delta = cpuNanos - this.lastCpu[slot];
		if (delta <= 0) {
			// Off CPU since the last tick (RUNNABLE in native I/O, say): it weighs nothing now,
			// and what it carries waits for a tick at which it has used CPU again.
			this.lastCpu[slot] = cpuNanos;
			this.lastSeenTick[slot] = tick;
			return 0;
		}
		long used = delta + this.carry[slot];
		this.lastCpu[slot] = cpuNanos;
		this.lastSeenTick[slot] = tick;
		long samples = used / intervalNanos;
		this.carry[slot] = used - samples * intervalNanos;
		return samples;
	}

	/** Drops threads not seen since {@code oldestTick}. */
	void evictOlderThan(long oldestTick) {
		long[] ids = this.threadIds;
		long[] cpu = this.lastCpu;
		long[] carried = this.carry;
		long[] seen = this.lastSeenTick;
		allocate(ids.length);
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] != 0 && seen[i] >= oldestTick) {
				int slot = insert(ids[i]);
				this.lastCpu[slot] = cpu[i];
				this.carry[slot] = carried[i];
				this.lastSeenTick[slot] = seen[i];
			}
		}
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
			long[] ids = this.threadIds;
			long[] cpu = this.lastCpu;
			long[] carried = this.carry;
			long[] seen = this.lastSeenTick;
			allocate(ids.length * 2);
			for (int i = 0; i < ids.length; i++) {
				if (ids[i] != 0) {
					int slot = insert(ids[i]);
					this.lastCpu[slot] = cpu[i];
					this.carry[slot] = carried[i];
					this.lastSeenTick[slot] = seen[i];
				}
			}
		}
		int slot = hash(threadId) & this.mask;
		while (this.threadIds[slot] != 0) {
			slot = (slot + 1) & this.mask;
		}
		this.threadIds[slot] = threadId;
		this.size++;
		return slot;
	}

	private void allocate(int capacity) {
		this.threadIds = new long[capacity];
		this.lastCpu = new long[capacity];
		this.carry = new long[capacity];
		this.lastSeenTick = new long[capacity];
		Arrays.fill(this.lastSeenTick, 0);
		this.mask = capacity - 1;
		this.size = 0;
	}

	private static int hash(long id) {
		long h = id * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}
