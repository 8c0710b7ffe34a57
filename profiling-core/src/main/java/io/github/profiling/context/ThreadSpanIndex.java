package io.github.profiling.context;

import java.util.Arrays;

/**
 * The latest span of each thread in a {@link SpanTimeline}: thread id to the span's sequence
 * number, without boxing. Requests on virtual threads bring a new thread id each, so entries
 * whose span has left the timeline's ring are dropped whenever the table fills. Not
 * thread-safe: the timeline's lock guards it.
 */
final class ThreadSpanIndex {

	private static final long NONE = -1;

	private long[] threadIds;

	private long[] sequences;

	private int mask;

	private int size;

	ThreadSpanIndex() {
		allocate(64);
	}

	/** The latest sequence of {@code threadId}, or {@code -1}. */
	long get(long threadId) {
		int slot = find(threadId);
		return (slot >= 0) ? this.sequences[slot] : NONE;
	}

	/**
	 * Makes {@code sequence} the latest of {@code threadId} and returns the previous latest (or
	 * {@code -1}); entries older than {@code oldestKept} may be dropped to make room.
	 */
	long put(long threadId, long sequence, long oldestKept) {
		int slot = find(threadId);
		if (slot >= 0) {
			long previous = this.sequences[slot];
			this.sequences[slot] = sequence;
			return previous;
		}
		if ((this.size + 1) * 2 > this.threadIds.length) {
			grow(oldestKept);
		}
		slot = hash(threadId) & this.mask;
		while (this.threadIds[slot] != 0) {
			slot = (slot + 1) & this.mask;
		}
		this.threadIds[slot] = threadId;
		this.sequences[slot] = sequence;
		this.size++;
		return NONE;
	}

	/** Rehashes, dropping threads whose latest span has left the ring; sized for the live ones. */
	private void grow(long oldestKept) {
		long[] ids = this.threadIds;
		long[] seqs = this.sequences;
		int live = 0;
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] != 0 && seqs[i] >= oldestKept) {
				live++;
			}
		}
		// Live entries number at most the timeline's capacity; keep the table at most a quarter full.
		int capacity = 64;
		while (capacity < 4 * (live + 1)) {
			capacity *= 2;
		}
		allocate(capacity);
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] != 0 && seqs[i] >= oldestKept) {
				int slot = hash(ids[i]) & this.mask;
				while (this.threadIds[slot] != 0) {
					slot = (slot + 1) & this.mask;
				}
				this.threadIds[slot] = ids[i];
				this.sequences[slot] = seqs[i];
				this.size++;
			}
		}
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

	private void allocate(int capacity) {
		this.threadIds = new long[capacity];
		this.sequences = new long[capacity];
		Arrays.fill(this.sequences, NONE);
		this.mask = capacity - 1;
		this.size = 0;
	}

	// Thread ids are positive, so 0 marks an empty slot.
	private static int hash(long id) {
		long h = id * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}
