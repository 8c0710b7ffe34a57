package io.github.profiling.tree;

import io.github.profiling.collect.LongIntMap;

import java.util.Arrays;

/**
 * A call tree: a trie of interned frame ids in which every node has OWN (weight of
 * samples whose stack ends at the node) and DEEP (weight of samples whose stack passes
 * through it). Stored as parallel arrays, as async-profiler's converter does, so a node
 * costs about 50 bytes and adding a sample allocates nothing once the arrays have grown.
 * <p>
 * Invariants, kept by every operation: {@code deep == own + sum(children.deep)} at every
 * node, and {@code deep >= own >= 0}. Not thread-safe; its owner serializes access.
 * <p>
 * A tree of the tracer also carries call metrics per node: {@code calls},
 * {@code ownNanos} and {@code deepNanos} of the calls that completed. Their arrays exist
 * only once {@link #addCalls} or {@link #enableCallMetrics} was called, so sampled trees
 * pay nothing for them.
 */
public final class CallTree {

	public static final int ROOT = 0;

	public static final int NONE = -1;

	private int size;

	private int[] frame;

	private int[] parent;

	private int[] firstChild;

	private int[] nextSibling;

	private long[] own;

	private long[] deep;

	// Call metrics of traced trees; null in sampled trees.
	private long[] calls;

	private long[] ownNanos;

	private long[] deepNanos;

	// (node, frame id) to child node.
	private final LongIntMap children;

	public CallTree() {
		this(16);
	}

	public CallTree(int expectedNodes) {
		int capacity = Math.max(4, expectedNodes);
		this.frame = new int[capacity];
		this.parent = new int[capacity];
		this.firstChild = new int[capacity];
		this.nextSibling = new int[capacity];
		this.own = new long[capacity];
		this.deep = new long[capacity];
		this.children = new LongIntMap(capacity);
		this.size = 1;
		this.frame[ROOT] = 0;
		this.parent[ROOT] = NONE;
		this.firstChild[ROOT] = NONE;
		this.nextSibling[ROOT] = NONE;
	}

	/** Number of nodes, the root included. */
	public int size() {
		return this.size;
	}

	public int frame(int node) {
		return this.frame[node];
	}

	public int parent(int node) {
		return this.parent[node];
	}

	public int firstChild(int node) {
		return this.firstChild[node];
	}

	public int nextSibling(int node) {
		return this.nextSibling[node];
	}

	public long own(int node) {
		return this.own[node];
	}

	public long deep(int node) {
		return this.deep[node];
	}

	/** Whether this tree carries call metrics (a tree of the tracer). */
	public boolean hasCallMetrics() {
		return this.calls != null;
	}

	/** Gives this tree call metrics, all zero, if it has none yet. */
	public void enableCallMetrics() {
		if (this.calls == null) {
			int capacity = this.frame.length;
			this.calls = new long[capacity];
			this.ownNanos = new long[capacity];
			this.deepNanos = new long[capacity];
		}
	}

	/** Completed calls of {@code node}; 0 in a tree without call metrics. */
	public long calls(int node) {
		return (this.calls != null) ? this.calls[node] : 0;
	}

	/** Time spent in {@code node}'s completed calls outside their traced callees. */
	public long ownNanos(int node) {
		return (this.ownNanos != null) ? this.ownNanos[node] : 0;
	}

	/** Time spent in {@code node}'s completed calls, callees included. */
	public long deepNanos(int node) {
		return (this.deepNanos != null) ? this.deepNanos[node] : 0;
	}

	/**
	 * Adds completed calls to the call metrics of {@code node}. OWN and DEEP are not
	 * touched: the caller adds the weight, so that the invariants stay its to keep.
	 */
	public void addCalls(int node, long calls, long ownNanos, long deepNanos) {
		enableCallMetrics();
		this.calls[node] += calls;
		this.ownNanos[node] += ownNanos;
		this.deepNanos[node] += deepNanos;
	}

	/** Total weight in the tree. */
	public long total() {
		return this.deep[ROOT];
	}

	/** The child of {@code node} for {@code frameId}, or {@link #NONE}. */
	public int child(int node, int frameId) {
		return this.children.get(LongIntMap.key(node, frameId));
	}

	/**
	 * The child of {@code node} for {@code frameId}, created with no weight if absent.
	 */
	public int childOrCreate(int node, int frameId) {
		int existing = child(node, frameId);
		return (existing != NONE) ? existing : create(node, frameId);
	}

	/**
	 * Adds a new child; the caller has checked that there is none for {@code frameId}.
	 * New children go first, so iteration order is not meaningful: views sort.
	 */
	public int create(int node, int frameId) {
		if (this.size == this.frame.length) {
			grow();
		}
		int created = this.size++;
		this.frame[created] = frameId;
		this.parent[created] = node;
		this.firstChild[created] = NONE;
		this.nextSibling[created] = this.firstChild[node];
		this.firstChild[node] = created;
		this.own[created] = 0;
		this.deep[created] = 0;
		if (this.calls != null) {
			this.calls[created] = 0;
			this.ownNanos[created] = 0;
			this.deepNanos[created] = 0;
		}
		this.children.put(LongIntMap.key(node, frameId), created);
		return created;
	}

	/**
	 * Adds {@code weight} to the DEEP of {@code node} only; its owner keeps the
	 * invariant.
	 */
	public void addDeep(int node, long weight) {
		this.deep[node] += weight;
	}

	/**
	 * Adds {@code weight} to the OWN of {@code node} only; its owner keeps the invariant.
	 */
	public void addOwn(int node, long weight) {
		this.own[node] += weight;
	}

	/**
	 * Adds a sample: {@code stack[0..depth)} from root to leaf, below {@code start} (the
	 * root or a group node). Adds DEEP on {@code start}, every node on the way, and OWN
	 * at the leaf. The ancestors of {@code start} are the caller's to update.
	 */
	public int addPath(int start, int[] stack, int depth, long weight) {
		int node = start;
		this.deep[node] += weight;
		for (int i = 0; i < depth; i++) {
			node = childOrCreate(node, stack[i]);
			this.deep[node] += weight;
		}
		this.own[node] += weight;
		return node;
	}

	/** Adds a whole sample from the root. */
	public void add(int[] stack, int depth, long weight) {
		addPath(ROOT, stack, depth, weight);
	}

	/**
	 * Adds the subtree of {@code source} below {@code sourceNode} under
	 * {@code targetNode}: {@code sourceNode}'s OWN and DEEP go to {@code targetNode}, its
	 * children are merged recursively by frame. {@code targetNode}'s ancestors are the
	 * caller's to update.
	 */
	public void merge(CallTree source, int sourceNode, int targetNode) {
		boolean withCalls = source.calls != null;
		if (withCalls) {
			enableCallMetrics();
		}
		// An explicit stack: Java stacks can be thousands of frames deep.
		int[] sources = new int[64];
		int[] targets = new int[64];
		int top = 0;
		sources[top] = sourceNode;
		targets[top] = targetNode;
		top++;
		while (top > 0) {
			top--;
			int from = sources[top];
			int to = targets[top];
			this.own[to] += source.own[from];
			this.deep[to] += source.deep[from];
			if (withCalls) {
				this.calls[to] += source.calls[from];
				this.ownNanos[to] += source.ownNanos[from];
				this.deepNanos[to] += source.deepNanos[from];
			}
			for (int c = source.firstChild[from]; c != NONE; c = source.nextSibling[c]) {
				if (top == sources.length) {
					sources = Arrays.copyOf(sources, top * 2);
					targets = Arrays.copyOf(targets, top * 2);
				}
				sources[top] = c;
				targets[top] = childOrCreate(to, source.frame[c]);
				top++;
			}
		}
	}

	/** Adds all of {@code source} to this tree. */
	public void merge(CallTree source) {
		merge(source, ROOT, ROOT);
	}

	/** Depth of {@code node}: the root is 0. */
	public int depth(int node) {
		int depth = 0;
		for (int p = this.parent[node]; p != NONE; p = this.parent[p]) {
			depth++;
		}
		return depth;
	}

	/**
	 * A copy for display: nodes deeper than {@code maxDepth} (root = 0) and nodes whose
	 * DEEP is below {@code minPercent} of the total are cut, and what they weighed is
	 * added to the OWN of the nearest node kept, so that both invariants and the total
	 * still hold.
	 */
	public CallTree pruned(int maxDepth, double minPercent) {
		long threshold = (long) Math.ceil(total() * minPercent / 100.0);
		CallTree result = new CallTree(Math.min(this.size, 1024));
		if (this.calls != null) {
			result.enableCallMetrics();
		}
		int[] sources = new int[64];
		int[] targets = new int[64];
		int[] depths = new int[64];
		int top = 0;
		sources[0] = ROOT;
		targets[0] = ROOT;
		depths[0] = 0;
		top = 1;
		while (top > 0) {
			top--;
			int from = sources[top];
			int to = targets[top];
			int depth = depths[top];
			long kept = 0;
			for (int c = this.firstChild[from]; c != NONE; c = this.nextSibling[c]) {
				if (depth + 1 > maxDepth || this.deep[c] < threshold || this.deep[c] == 0) {
					continue;
				}
				kept += this.deep[c];
				if (top == sources.length) {
					sources = Arrays.copyOf(sources, top * 2);
					targets = Arrays.copyOf(targets, top * 2);
					depths = Arrays.copyOf(depths, top * 2);
				}
				sources[top] = c;
				targets[top] = result.create(to, this.frame[c]);
				depths[top] = depth + 1;
				top++;
			}
			result.deep[to] = this.deep[from];
			result.own[to] = this.deep[from] - kept;
			if (this.calls != null) {
				// The metrics describe the node's own calls; what was cut keeps its
				// weight only.
				result.calls[to] = this.calls[from];
				result.ownNanos[to] = this.ownNanos[from];
				result.deepNanos[to] = this.deepNanos[from];
			}
		}
		return result;
	}

	/** Removes every node but the root and zeroes the root; keeps the arrays. */
	public void clear() {
		this.size = 1;
		this.own[ROOT] = 0;
		this.deep[ROOT] = 0;
		this.firstChild[ROOT] = NONE;
		if (this.calls != null) {
			this.calls[ROOT] = 0;
			this.ownNanos[ROOT] = 0;
			this.deepNanos[ROOT] = 0;
		}
		this.children.clear();
	}

	/** How many nodes the arrays hold before they grow. */
	public int capacity() {
		return this.frame.length;
	}

	/** Approximate bytes held by this tree's arrays. */
	public long retainedBytes() {
		int longsPerNode = (this.calls != null) ? 5 : 2;
		return (long) this.frame.length * (4 * 4 + 8 * longsPerNode) + this.children.retainedBytes();
	}

	private void grow() {
		int capacity = this.frame.length * 2;
		this.frame = Arrays.copyOf(this.frame, capacity);
		this.parent = Arrays.copyOf(this.parent, capacity);
		this.firstChild = Arrays.copyOf(this.firstChild, capacity);
		this.nextSibling = Arrays.copyOf(this.nextSibling, capacity);
		this.own = Arrays.copyOf(this.own, capacity);
		this.deep = Arrays.copyOf(this.deep, capacity);
		if (this.calls != null) {
			this.calls = Arrays.copyOf(this.calls, capacity);
			this.ownNanos = Arrays.copyOf(this.ownNanos, capacity);
			this.deepNanos = Arrays.copyOf(this.deepNanos, capacity);
		}
	}

}
