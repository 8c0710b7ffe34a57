package io.github.profiling.context;

import io.github.profiling.collect.LongIntMap;

/**
 * The latest span of each thread in a {@link SpanTimeline}: thread id to the span's
 * sequence number, without boxing. Entries sit in two parallel arrays, found through a
 * map from thread id to entry. Requests on virtual threads bring a new thread id each, so
 * entries whose span has left the timeline's ring are dropped whenever the arrays fill.
 * Not thread-safe: the timeline's lock guards it.
 */
final class ThreadSpanIndex {

	private static final long NONE = -1;

	private static final int MIN_CAPACITY = 32;

	private LongIntMap entries;

	private long[] threadIds;

	private long[] sequences;

	private int size;

	ThreadSpanIndex() {
		allocate(MIN_CAPACITY);
	}

	/** The latest sequence of {@code threadId}, or {@code -1}. */
	long get(long threadId) {
		int entry = this.entries.get(threadId);
		return (entry != LongIntMap.MISSING) ? this.sequences[entry] : NONE;
	}

	/**
	 * Makes {@code sequence} the latest of {@code threadId} and returns the previous
	 * latest (or {@code -1}); entries older than {@code oldestKept} may be dropped to
	 * make room.
	 */
	long put(long threadId, long sequence, long oldestKept) {
		int entry = this.entries.get(threadId);
		if (entry != LongIntMap.MISSING) {
			long previous = this.sequences[entry];
			this.sequences[entry] = sequence;
			return previous;
		}
		if (this.size == this.threadIds.length) {
			dropOlderThan(oldestKept);
		}
		entry = this.size++;
		this.threadIds[entry] = threadId;
		this.sequences[entry] = sequence;
		this.entries.put(threadId, entry);
		return NONE;
	}

	/**
	 * Keeps the threads whose latest span is still in the ring, in arrays sized for them.
	 */
	private void dropOlderThan(long oldestKept) {
		long[] ids = this.threadIds;
		long[] seqs = this.sequences;
		int count = this.size;
		int live = 0;
		for (int i = 0; i < count; i++) {
			if (seqs[i] >= oldestKept) {
				live++;
			}
		}
		// Live entries number at most the timeline's capacity; keep the arrays at most
		// half full.
		int capacity = MIN_CAPACITY;
		while (capacity < 2 * (live + 1)) {
			capacity *= 2;
		}
		allocate(capacity);
		for (int i = 0; i < count; i++) {
			if (seqs[i] >= oldestKept) {
				int entry = this.size++;
				this.threadIds[entry] = ids[i];
				this.sequences[entry] = seqs[i];
				this.entries.put(ids[i], entry);
			}
		}
	}

	private void allocate(int capacity) {
		this.entries = new LongIntMap(capacity);
		this.threadIds = new long[capacity];
		this.sequences = new long[capacity];
		this.size = 0;
	}

}
