package io.github.profiling.store;

import io.github.profiling.collect.LongIntMap;

import java.util.Arrays;

/**
 * Weights per (group, call path): what one time bucket of the store keeps. Entries sit in
 * parallel arrays in the order they were first seen, found by a primitive index; the
 * tracer's call metrics ({@code calls}, {@code deepNanos}) get arrays only once a traced
 * call arrives. About 24 bytes an entry (40 with call metrics). Not thread-safe: the
 * store serializes access.
 */
final class PathWeights {

	private static final int INITIAL_CAPACITY = 64;

	// Past this, a cleared table drops its arrays rather than keep them for reuse:
	// otherwise
	// every bucket would keep the arrays of its busiest second.
	private static final int KEPT_CAPACITY = 4096;

	// The index grows with the entries: a quiet bucket keeps a small one.
	private static final int INITIAL_INDEX_SIZE = 32;

	private LongIntMap index;

	private long[] keys;

	private long[] weights;

	private long[] calls;

	private long[] deepNanos;

	private int size;

	// Weight of every entry together.
	private long total;

	// Weight that found no room for an entry of its own (see ProfileStore): kept outside
	// the
	// entries, so that the bound counts no more than it says.
	private long overflowWeight;

	private long overflowCalls;

	private long overflowDeepNanos;

	PathWeights() {
		allocate(INITIAL_CAPACITY);
	}

	static long key(int group, int path) {
		return LongIntMap.key(group, path);
	}

	static int group(long key) {
		return (int) (key >>> 32);
	}

	static int path(long key) {
		return (int) key;
	}

	boolean contains(long key) {
		return this.index.get(key) != LongIntMap.MISSING;
	}

	/**
	 * Adds weight to an entry, creating it if absent.
	 * @return whether an entry was created
	 */
	boolean add(long key, long weight) {
		int entry = this.index.get(key);
		boolean created = entry == LongIntMap.MISSING;
		if (created) {
			entry = create(key);
		}
		this.weights[entry] += weight;
		this.total += weight;
		return created;
	}

	/**
	 * Adds weight, and call metrics where traced, that has no room for an entry of its
	 * own.
	 */
	void addOverflow(long weight, long callCount, long deep) {
		this.overflowWeight += weight;
		this.overflowCalls += callCount;
		this.overflowDeepNanos += deep;
		this.total += weight;
	}

	long overflowWeight() {
		return this.overflowWeight;
	}

	long overflowCalls() {
		return this.overflowCalls;
	}

	long overflowDeepNanos() {
		return this.overflowDeepNanos;
	}

	/** Weight of every entry and the overflow together. */
	long totalWeight() {
		return this.total;
	}

	/**
	 * Adds traced calls (their OWN nanoseconds as the weight) to an entry, creating it if
	 * absent.
	 */
	boolean addCalls(long key, long weight, long callCount, long deep) {
		if (this.calls == null) {
			this.calls = new long[this.keys.length];
			this.deepNanos = new long[this.keys.length];
		}
		int entry = this.index.get(key);
		boolean created = entry == LongIntMap.MISSING;
		if (created) {
			entry = create(key);
		}
		this.weights[entry] += weight;
		this.calls[entry] += callCount;
		this.deepNanos[entry] += deep;
		this.total += weight;
		return created;
	}

	/**
	 * Adds every entry of {@code other}.
	 * @return how many entries were created
	 */
	int addAll(PathWeights other) {
		int before = this.size;
		for (int i = 0; i < other.size; i++) {
			if (other.calls != null) {
				addCalls(other.keys[i], other.weights[i], other.calls[i], other.deepNanos[i]);
			}
			else {
				add(other.keys[i], other.weights[i]);
			}
		}
		addOverflow(other.overflowWeight, other.overflowCalls, other.overflowDeepNanos);
		return this.size - before;
	}

	int size() {
		return this.size;
	}

	long key(int entry) {
		return this.keys[entry];
	}

	long weight(int entry) {
		return this.weights[entry];
	}

	boolean hasCalls() {
		return this.calls != null;
	}

	long calls(int entry) {
		return (this.calls != null) ? this.calls[entry] : 0;
	}

	long deepNanos(int entry) {
		return (this.deepNanos != null) ? this.deepNanos[entry] : 0;
	}

	/** Marks, in {@code keep}, the path of every entry and all its parents. */
	void markPaths(PathTable paths, boolean[] keep) {
		for (int i = 0; i < this.size; i++) {
			for (int path = path(this.keys[i]); path != PathTable.NONE && !keep[path]; path = paths.parent(path)) {
				keep[path] = true;
			}
		}
	}

	/**
	 * Rewrites every entry's path through {@code renumbered}, after the path table was
	 * compacted.
	 */
	void renumberPaths(int[] renumbered) {
		this.index = new LongIntMap(INITIAL_INDEX_SIZE);
		for (int i = 0; i < this.size; i++) {
			long key = key(group(this.keys[i]), renumbered[path(this.keys[i])]);
			this.keys[i] = key;
			this.index.put(key, i);
		}
	}

	void clear() {
		this.total = 0;
		this.overflowWeight = 0;
		this.overflowCalls = 0;
		this.overflowDeepNanos = 0;
		if (this.keys.length > KEPT_CAPACITY) {
			allocate(INITIAL_CAPACITY);
			return;
		}
		this.index = new LongIntMap(INITIAL_INDEX_SIZE);
		Arrays.fill(this.weights, 0, this.size, 0);
		if (this.calls != null) {
			this.calls = null;
			this.deepNanos = null;
		}
		this.size = 0;
	}

	/** Bytes of the arrays and the index. */
	long retainedBytes() {
		long perSlot = (this.calls != null) ? 32 : 16;
		return this.keys.length * perSlot + this.index.retainedBytes();
	}

	private int create(long key) {
		if (this.size == this.keys.length) {
			int capacity = this.size * 2;
			this.keys = Arrays.copyOf(this.keys, capacity);
			this.weights = Arrays.copyOf(this.weights, capacity);
			if (this.calls != null) {
				this.calls = Arrays.copyOf(this.calls, capacity);
				this.deepNanos = Arrays.copyOf(this.deepNanos, capacity);
			}
		}
		int entry = this.size++;
		this.keys[entry] = key;
		this.index.put(key, entry);
		return entry;
	}

	private void allocate(int capacity) {
		this.index = new LongIntMap(INITIAL_INDEX_SIZE);
		this.keys = new long[capacity];
		this.weights = new long[capacity];
		this.calls = null;
		this.deepNanos = null;
		this.size = 0;
		this.total = 0;
	}

}
