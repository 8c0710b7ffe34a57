package io.github.profiling.store;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} to non-negative {@code int}, without boxing: the
 * store looks up a group, a path node and a weight entry for every sample. Not thread-safe.
 */
final class LongIntMap {

	static final int MISSING = -1;

	private long[] keys;

	private int[] values;

	private int mask;

	private int size;

	LongIntMap() {
		allocate(64);
	}

	int get(long key) {
		int slot = slot(key);
		while (this.values[slot] != MISSING) {
			if (this.keys[slot] == key) {
				return this.values[slot];
			}
			slot = (slot + 1) & this.mask;
		}
		return MISSING;
	}

	void put(long key, int value) {
		if ((this.size + 1) * 2 > this.values.length) {
			long[] oldKeys = this.keys;
			int[] oldValues = this.values;
			allocate(oldValues.length * 2);
			for (int i = 0; i < oldValues.length; i++) {
				if (oldValues[i] != MISSING) {
					insert(oldKeys[i], oldValues[i]);
				}
			}
		}
		insert(key, value);
	}

	void clear() {
		allocate(64);
	}

	int size() {
		return this.size;
	}

	/** Bytes of the table: a long and an int a slot. */
	long retainedBytes() {
		return (long) this.values.length * 12;
	}

	private void insert(long key, int value) {
		int slot = slot(key);
		while (this.values[slot] != MISSING) {
			if (this.keys[slot] == key) {
				this.values[slot] = value;
				return;
			}
			slot = (slot + 1) & this.mask;
		}
		this.keys[slot] = key;
		this.values[slot] = value;
		this.size++;
	}

	private void allocate(int capacity) {
		this.keys = new long[capacity];
		this.values = new int[capacity];
		Arrays.fill(this.values, MISSING);
		this.mask = capacity - 1;
		this.size = 0;
	}

	private int slot(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32)) & this.mask;
	}

}
