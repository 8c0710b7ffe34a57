package io.github.profiling.collect;

import java.util.Arrays;

/**
 * A map from {@code long} keys to non-negative {@code int} values, without boxing: open
 * addressing with linear probing over two parallel arrays, kept at most half full, that
 * double as it grows. Every {@code long} is a valid key, 0 and negative ones included,
 * since an empty slot is told by its value, {@link #MISSING}. Where a key has several
 * values, the map gives an index into arrays of its owner, as the store and the call
 * trees keep their entries.
 * <p>
 * {@link #get}, {@link #put}, {@link #putIfAbsent} and {@link #remove} allocate nothing
 * unless the table grows. Not thread-safe: its owner serializes access.
 */
public final class LongIntMap {

	/** What a lookup returns for a key that is not in the map; never a value. */
	public static final int MISSING = -1;

	private static final int MIN_CAPACITY = 8;

	private static final int MAX_CAPACITY = 1 << 30;

	private long[] keys;

	private int[] values;

	private int mask;

	private int size;

	/**
	 * Creates a map that holds {@code expectedSize} keys before it grows.
	 * @param expectedSize how many keys to make room for
	 */
	public LongIntMap(int expectedSize) {
		allocate(capacityFor(expectedSize));
	}

	/**
	 * The key of a pair of {@code int}s, {@code high} in the upper half, such as a
	 * (parent node, frame) pair.
	 */
	public static long key(int high, int low) {
		return ((long) high << 32) | (low & 0xFFFFFFFFL);
	}

	/** The value of {@code key}, or {@link #MISSING}. */
	public int get(long key) {
		int slot = find(key);
		return (slot >= 0) ? this.values[slot] : MISSING;
	}

	/**
	 * Maps {@code key} to {@code value}.
	 * @return the value it replaced, or {@link #MISSING}
	 */
	public int put(long key, int value) {
		checkValue(value);
		int slot = find(key);
		if (slot >= 0) {
			int previous = this.values[slot];
			this.values[slot] = value;
			return previous;
		}
		insert(~slot, key, value);
		return MISSING;
	}

	/**
	 * Maps {@code key} to {@code value} unless it has a value already: one probe where a
	 * {@link #get} then a {@link #put} would take two.
	 * @return the value {@code key} has already, or {@link #MISSING} if {@code value} was
	 * added
	 */
	public int putIfAbsent(long key, int value) {
		checkValue(value);
		int slot = find(key);
		if (slot >= 0) {
			return this.values[slot];
		}
		insert(~slot, key, value);
		return MISSING;
	}

	/**
	 * Removes {@code key}. The keys probed past it move back into the gap, so that
	 * lookups never walk over deleted slots.
	 * @return the value it had, or {@link #MISSING}
	 */
	public int remove(long key) {
		int slot = find(key);
		if (slot < 0) {
			return MISSING;
		}
		int removed = this.values[slot];
		int gap = slot;
		for (int next = (gap + 1) & this.mask; this.values[next] != MISSING; next = (next + 1) & this.mask) {
			// A key may fill the gap if its home slot is not after the gap on its probe
			// path.
			int home = slot(this.keys[next]);
			if (((next - home) & this.mask) >= ((next - gap) & this.mask)) {
				this.keys[gap] = this.keys[next];
				this.values[gap] = this.values[next];
				gap = next;
			}
		}
		this.values[gap] = MISSING;
		this.size--;
		return removed;
	}

	/** Removes every key; keeps the table, so that refilling it allocates nothing. */
	public void clear() {
		Arrays.fill(this.values, MISSING);
		this.size = 0;
	}

	/** How many keys the map holds. */
	public int size() {
		return this.size;
	}

	/** Slots in the table: at most half of them hold a key. */
	public int capacity() {
		return this.values.length;
	}

	/**
	 * Bytes of the table, for memory accounting: a {@code long} and an {@code int} a
	 * slot.
	 */
	public long retainedBytes() {
		return (long) this.values.length * (Long.BYTES + Integer.BYTES);
	}

	/**
	 * The slot of {@code key} if present, else the complement ({@code ~slot}) of the
	 * empty slot it would take.
	 */
	private int find(long key) {
		long[] keys = this.keys;
		int[] values = this.values;
		int slot = slot(key);
		while (values[slot] != MISSING) {
			if (keys[slot] == key) {
				return slot;
			}
			slot = (slot + 1) & this.mask;
		}
		return ~slot;
	}

	private void insert(int emptySlot, long key, int value) {
		int slot = emptySlot;
		if ((this.size + 1) * 2 > this.values.length) {
			grow();
			slot = ~find(key);
		}
		this.keys[slot] = key;
		this.values[slot] = value;
		this.size++;
	}

	private void grow() {
		if (this.values.length == MAX_CAPACITY) {
			throw new IllegalStateException("Map is full: " + this.size + " keys");
		}
		long[] oldKeys = this.keys;
		int[] oldValues = this.values;
		int size = this.size;
		allocate(oldValues.length * 2);
		for (int i = 0; i < oldValues.length; i++) {
			if (oldValues[i] != MISSING) {
				int slot = ~find(oldKeys[i]);
				this.keys[slot] = oldKeys[i];
				this.values[slot] = oldValues[i];
			}
		}
		this.size = size;
	}

	private void allocate(int capacity) {
		this.keys = new long[capacity];
		this.values = new int[capacity];
		Arrays.fill(this.values, MISSING);
		this.mask = capacity - 1;
		this.size = 0;
	}

	private int slot(long key) {
		return hash(key) & this.mask;
	}

	/**
	 * The SplitMix64 finalizer: every bit of the key moves every bit of the hash, so keys
	 * that differ only in their upper half (pairs of ints, thread ids counting up) still
	 * spread over the low bits that pick a slot.
	 */
	static int hash(long key) {
		long h = (key ^ (key >>> 30)) * 0xBF58476D1CE4E5B9L;
		h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
		return (int) (h ^ (h >>> 31));
	}

	private static int capacityFor(int expectedSize) {
		long wanted = Math.max(MIN_CAPACITY, 2L * Math.max(0, expectedSize));
		return (int) Math.min(MAX_CAPACITY, Long.highestOneBit(wanted - 1) << 1);
	}

	private static void checkValue(int value) {
		if (value < 0) {
			throw new IllegalArgumentException("Values must not be negative: " + value);
		}
	}

}
