package io.github.profiling.store;

import io.github.profiling.model.Sample;

/**
 * Finds how much of a sample's stack the {@link PathTable} knows already, and the path
 * node of each known frame. Consecutive samples of a group share most of their stack
 * (thread start, container, framework), so the prefix shared with the group's previous
 * sample is matched by comparing frame ids, without a lookup per frame. Not thread-safe:
 * the store's lock guards it.
 */
final class PathLookup {

	private static final int WAYS = 8;

	private final PathCache[] caches = new PathCache[WAYS];

	// The path nodes of the last stack looked up, root first.
	private int[] path = new int[128];

	PathLookup() {
		for (int i = 0; i < WAYS; i++) {
			this.caches[i] = new PathCache();
		}
	}

	/** The path nodes found by the last {@link #knownPrefix}, root first. */
	int[] path() {
		return this.path;
	}

	/**
	 * How many of the sample's frames {@code paths} has already; their nodes are in
	 * {@link #path()}.
	 */
	int knownPrefix(PathTable paths, int group, Sample sample) {
		int[] stack = sample.frames;
		int depth = sample.depth;
		if (this.path.length < depth) {
			this.path = new int[Math.max(depth, this.path.length * 2)];
		}
		int[] nodes = this.path;
		int known = 0;
		int node = PathTable.ROOT;
		PathCache cache = this.caches[group & (WAYS - 1)];
		if (cache.group == group) {
			int limit = Math.min(depth, cache.depth);
			int[] cachedFrames = cache.frames;
			int[] cachedNodes = cache.nodes;
			while (known < limit && cachedFrames[known] == stack[known]) {
				nodes[known] = cachedNodes[known];
				known++;
			}
			if (known > 0) {
				node = nodes[known - 1];
			}
		}
		while (known < depth) {
			int child = paths.child(node, stack[known]);
			if (child == PathTable.NONE) {
				break;
			}
			nodes[known++] = child;
			node = child;
		}
		return known;
	}

	/**
	 * Keeps the first {@code depth} frames of the sample and their nodes for the group's
	 * next sample.
	 */
	void remember(int group, Sample sample, int depth) {
		this.caches[group & (WAYS - 1)].remember(group, sample.frames, this.path, depth);
	}

	/** Path nodes were renumbered or cleared: nothing remembered holds. */
	void forget() {
		for (PathCache cache : this.caches) {
			cache.forget();
		}
	}

	/** The stack of the last sample of one group, and the path nodes of its frames. */
	private static final class PathCache {

		int group = -1;

		int[] frames = new int[128];

		int[] nodes = new int[128];

		int depth;

		void remember(int group, int[] stack, int[] path, int depth) {
			if (this.frames.length < depth) {
				this.frames = new int[Math.max(depth, this.frames.length * 2)];
				this.nodes = new int[this.frames.length];
			}
			System.arraycopy(stack, 0, this.frames, 0, depth);
			System.arraycopy(path, 0, this.nodes, 0, depth);
			this.depth = depth;
			this.group = group;
		}

		void forget() {
			this.group = -1;
			this.depth = 0;
		}

	}

}
