package io.github.profiling.tree;

import java.util.Arrays;

/**
 * Finds a node's child by frame: open addressing from (parent node, frame id) to child node, no
 * boxing, a probe or two per lookup. Both the call trees and the tracer's per-thread trees use
 * it. Not thread-safe: its tree's owner serializes access.
 */
public final class ChildIndex {

	public static final int NONE = -1;

	private long[] keys;

	private int[] nodes;

	private int mask;

	private int size;

	public ChildIndex(int expectedNodes) {
		allocate(Integer.highestOneBit(Math.max(8, expectedNodes * 2 - 1)) << 1);
	}

	/** The child of {@code parent} for {@code frameId}, or {@link #NONE}. */
	public int get(int parent, int frameId) {
		long key = key(parent, frameId);
		int slot = slot(key);
		while (true) {
			int found = this.nodes[slot];
			if (found == NONE || this.keys[slot] == key) {
				return found;
			}
			slot = (slot + 1) & this.mask;
		}
	}

	/** Records {@code child} as the child of {@code parent} for {@code frameId}, which has none yet. */
	public void put(int parent, int frameId, int child) {
		if ((this.size + 1) * 2 > this.nodes.length) {
			long[] oldKeys = this.keys;
			int[] oldNodes = this.nodes;
			allocate(oldNodes.length * 2);
			for (int i = 0; i < oldNodes.length; i++) {
				if (oldNodes[i] != NONE) {
					insert(oldKeys[i], oldNodes[i]);
				}
			}
		}
		insert(key(parent, frameId), child);
	}

	/** Forgets every child; keeps the arrays. */
	public void clear() {
		Arrays.fill(this.nodes, NONE);
		this.size = 0;
	}

	/** Slots in the table, for memory accounting: 12 bytes each. */
	public int capacity() {
		return this.nodes.length;
	}

	private void insert(long key, int child) {
		int slot = slot(key);
		while (this.nodes[slot] != NONE) {
			slot = (slot + 1) & this.mask;
		}
		this.keys[slot] = key;
		this.nodes[slot] = child;
		this.size++;
	}

	private void allocate(int slots) {
		this.keys = new long[slots];
		this.nodes = new int[slots];
		Arrays.fill(this.nodes, NONE);
		this.mask = slots - 1;
		this.size = 0;
	}

	private static long key(int parent, int frameId) {
		return ((long) parent << 32) | (frameId & 0xFFFFFFFFL);
	}

	private int slot(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 29)) & this.mask;
	}

}
