package io.github.profiling.store;

import io.github.profiling.collect.LongIntMap;
import io.github.profiling.model.FrameTable;

import java.util.Arrays;

/**
 * Every distinct call path the store holds, interned once: a trie whose nodes are (parent
 * path, frame) pairs, so that a stack of any depth is one {@code int} and stacks that
 * share a prefix share its nodes. Time buckets then keep only weights per path, as
 * async-profiler's converter and pprof keep stack ids rather than trees. About 32 bytes a
 * path node. Not thread-safe: the store serializes access.
 */
final class PathTable {

	/** The empty path, parent of every stack's first frame. */
	static final int ROOT = 0;

	/**
	 * {@code [truncated]} right below the root: where weight goes that has no room at
	 * all.
	 */
	static final int TRUNCATED = 1;

	static final int NONE = LongIntMap.MISSING;

	private static final int INITIAL_CAPACITY = 1024;

	private int[] frames;

	private int[] parents;

	private int size;

	private LongIntMap children;

	PathTable() {
		allocate(INITIAL_CAPACITY);
	}

	/** The path extending {@code parent} by {@code frame}, or {@link #NONE}. */
	int child(int parent, int frame) {
		return this.children.get(LongIntMap.key(parent, frame));
	}

	/**
	 * Adds the path extending {@code parent} by {@code frame}; the caller has checked
	 * there is none.
	 */
	int add(int parent, int frame) {
		if (this.size == this.frames.length) {
			int capacity = this.size * 2;
			this.frames = Arrays.copyOf(this.frames, capacity);
			this.parents = Arrays.copyOf(this.parents, capacity);
		}
		int path = this.size++;
		this.frames[path] = frame;
		this.parents[path] = parent;
		this.children.put(LongIntMap.key(parent, frame), path);
		return path;
	}

	int frame(int path) {
		return this.frames[path];
	}

	int parent(int path) {
		return this.parents[path];
	}

	/** Path nodes held, the root included. */
	int size() {
		return this.size;
	}

	/**
	 * Keeps only the paths marked in {@code keep} (a set closed under parents), the root
	 * and its {@code [truncated]} always, renumbered in their order, so that parents
	 * still come before their children.
	 * @return the new number of each old path, {@link #NONE} for a path dropped
	 */
	int[] compact(boolean[] keep) {
		int[] renumbered = new int[this.size];
		int[] oldFrames = this.frames;
		int[] oldParents = this.parents;
		int oldSize = this.size;
		int kept = 0;
		for (int path = 0; path < oldSize; path++) {
			if (keep[path]) {
				kept++;
			}
		}
		allocate(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, kept)) << 1));
		renumbered[ROOT] = ROOT;
		renumbered[TRUNCATED] = TRUNCATED;
		for (int path = TRUNCATED + 1; path < oldSize; path++) {
			if (keep[path]) {
				renumbered[path] = add(renumbered[oldParents[path]], oldFrames[path]);
			}
			else {
				renumbered[path] = NONE;
			}
		}
		return renumbered;
	}

	/**
	 * Forgets every path but the root and its {@code [truncated]}, and gives back the
	 * memory of a large table.
	 */
	void clear() {
		allocate(INITIAL_CAPACITY);
	}

	/** Bytes of the arrays: two ints a slot, and the child index. */
	long retainedBytes() {
		return (long) this.frames.length * 8 + this.children.retainedBytes();
	}

	private void allocate(int capacity) {
		this.frames = new int[capacity];
		this.parents = new int[capacity];
		this.children = new LongIntMap(capacity);
		this.frames[ROOT] = 0;
		this.parents[ROOT] = NONE;
		this.size = 1;
		add(ROOT, FrameTable.TRUNCATED_ID);
	}

}
