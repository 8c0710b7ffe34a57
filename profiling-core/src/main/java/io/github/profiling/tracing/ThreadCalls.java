package io.github.profiling.tracing;

import io.github.profiling.collect.LongIntMap;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The traced calls of one thread: the stack of calls in progress, and a call tree of the
 * calls completed so far with {@code calls}, {@code ownNanos} and {@code deepNanos} per
 * node. The tree's first level is the tag set the thread carried when its outermost
 * traced call began, as the store's first level is for samples.
 * <p>
 * Written only by its own thread, on every traced call, without locks and, once its
 * arrays have grown to the thread's depth and paths, without allocation. The tracer's
 * collector reads it from another thread and hands what changed since its previous visit
 * to the store. The thread publishes with release stores (plain stores on x86): new nodes
 * through {@link #size}, counters through {@link #exits}. Counters only grow, so a
 * collector that sees some of a call's updates and not others still never loses or
 * invents time: it picks up the rest on its next visit.
 */
public final class ThreadCalls {

	static final int ROOT = 0;

	static final int NONE = -1;

	/**
	 * Nodes a thread's tree may have, beyond which new paths fold into
	 * {@code [truncated]}.
	 */
	static final int DEFAULT_MAX_NODES = 8192;

	private static final int INITIAL_NODES = 32;

	private static final int INITIAL_DEPTH = 16;

	private static final VarHandle SIZE;

	private static final VarHandle EXITS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SIZE = lookup.findVarHandle(ThreadCalls.class, "size", int.class);
			EXITS = lookup.findVarHandle(ThreadCalls.class, "exits", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Thread thread;

	private final ProfilingContext context;

	private final int maxNodes;

	private int reserveLeft;

	// ---- written by the thread only ----

	// The traced calls in progress, outermost first: node, start time, time spent in
	// callees.
	private int depth;

	private int[] stackNodes = new int[INITIAL_DEPTH];

	private long[] stackStarts = new long[INITIAL_DEPTH];

	private long[] stackCalleeNanos = new long[INITIAL_DEPTH];

	// Set while the tracer itself runs code that may be traced (reading tags): such calls
	// are
	// not recorded, so the tracer can never recurse into itself.
	private boolean busy;

	// Consecutive outermost calls usually carry the same tags: remember the last group.
	private int lastTagSetId = -1;

	private int lastGroupNode;

	// The tree, as parallel arrays; node 0 is the root.
	private int size;

	private long exits;

	private int[] frame = new int[INITIAL_NODES];

	private int[] parent = new int[INITIAL_NODES];

	// The child last entered under each node: a loop calling one method finds it at once.
	private int[] lastChild = new int[INITIAL_NODES];

	private long[] calls = new long[INITIAL_NODES];

	private long[] ownNanos = new long[INITIAL_NODES];

	private long[] deepNanos = new long[INITIAL_NODES];

	// (node, frame id) to child node.
	private final LongIntMap children = new LongIntMap(INITIAL_NODES);

	// ---- read and written by the collector only ----

	private long collectedExits;

	private long[] reportedCalls = new long[0];

	private long[] reportedOwnNanos = new long[0];

	private long[] reportedDeepNanos = new long[0];

	ThreadCalls(Thread thread, ProfilingContext context, int maxNodes) {
		this.thread = thread;
		this.context = context;
		this.maxNodes = Math.max(16, maxNodes);
		this.reserveLeft = Math.max(16, maxNodes / 16);
		this.frame[ROOT] = FrameTable.ROOT_ID;
		this.parent[ROOT] = NONE;
		this.lastChild[ROOT] = NONE;
		this.size = 1;
	}

	/**
	 * A recorder that records nothing, for threads the tracer must not trace (its own).
	 */
	static ThreadCalls ignoring(Thread thread) {
		ThreadCalls ignoring = new ThreadCalls(thread, null, 16);
		ignoring.busy = true;
		return ignoring;
	}

	// ---- the hot path, on the thread itself ----

	/**
	 * A traced method was entered.
	 * @return whether the call is recorded, in which case {@link #exit()} must follow
	 */
	public boolean enter(int frameId) {
		if (this.busy) {
			return false;
		}
		int d = this.depth;
		int caller;
		if (d == 0) {
			caller = groupNode();
		}
		else {
			caller = this.stackNodes[d - 1];
		}
		int node = this.lastChild[caller];
		if (node == NONE || this.frame[node] != frameId) {
			node = childOrCreate(caller, frameId);
			this.lastChild[caller] = node;
		}
		if (d == this.stackNodes.length) {
			growStack();
		}
		this.stackNodes[d] = node;
		this.stackCalleeNanos[d] = 0;
		this.depth = d + 1;
		// Last, so that the bookkeeping above is not counted in the call's time.
		this.stackStarts[d] = System.nanoTime();
		return true;
	}

	/** The traced method entered last returned or threw. */
	public void exit() {
		long now = System.nanoTime();
		int d = this.depth - 1;
		if (d < 0) {
			return;
		}
		long deep = now - this.stackStarts[d];
		int node = this.stackNodes[d];
		this.calls[node]++;
		this.ownNanos[node] += deep - this.stackCalleeNanos[d];
		this.deepNanos[node] += deep;
		if (d > 0) {
			this.stackCalleeNanos[d - 1] += deep;
		}
		this.depth = d;
		EXITS.setRelease(this, this.exits + 1);
	}

	/** Calls in progress on this thread. */
	int depth() {
		return this.depth;
	}

	private int groupNode() {
		this.busy = true;
		int tagSetId;
		try {
			tagSetId = this.context.currentTagSetId();
		}
		finally {
			this.busy = false;
		}
		if (tagSetId != this.lastTagSetId) {
			this.lastGroupNode = childOrCreate(ROOT, groupFrame(tagSetId));
			this.lastTagSetId = tagSetId;
		}
		return this.lastGroupNode;
	}

	static int groupFrame(int tagSetId) {
		return -1 - tagSetId;
	}

	static int tagSetIdOfGroup(int groupFrame) {
		return -1 - groupFrame;
	}

	private int childOrCreate(int caller, int frameId) {
		int found = this.children.get(LongIntMap.key(caller, frameId));
		if (found != LongIntMap.MISSING) {
			return found;
		}
		if (this.size < this.maxNodes || caller == ROOT) {
			return create(caller, frameId);
		}
		return truncatedChild(caller);
	}

	/**
	 * The node of a new path when the tree is full: a {@code [truncated]} child of the
	 * caller, which also takes everything called below it. Past the reserve of such
	 * nodes, the caller itself takes the call.
	 */
	private int truncatedChild(int caller) {
		if (this.frame[caller] == FrameTable.TRUNCATED_ID) {
			return caller;
		}
		int truncated = this.children.get(LongIntMap.key(caller, FrameTable.TRUNCATED_ID));
		if (truncated != LongIntMap.MISSING) {
			return truncated;
		}
		if (this.reserveLeft > 0) {
			this.reserveLeft--;
			return create(caller, FrameTable.TRUNCATED_ID);
		}
		return caller;
	}

	private int create(int caller, int frameId) {
		int node = this.size;
		if (node == this.frame.length) {
			growNodes();
		}
		this.frame[node] = frameId;
		this.parent[node] = caller;
		this.lastChild[node] = NONE;
		this.children.put(LongIntMap.key(caller, frameId), node);
		SIZE.setRelease(this, node + 1);
		return node;
	}

	private void growStack() {
		int capacity = this.stackNodes.length * 2;
		this.stackNodes = Arrays.copyOf(this.stackNodes, capacity);
		this.stackStarts = Arrays.copyOf(this.stackStarts, capacity);
		this.stackCalleeNanos = Arrays.copyOf(this.stackCalleeNanos, capacity);
	}

	private void growNodes() {
		int capacity = this.frame.length * 2;
		this.frame = Arrays.copyOf(this.frame, capacity);
		this.parent = Arrays.copyOf(this.parent, capacity);
		this.lastChild = Arrays.copyOf(this.lastChild, capacity);
		this.calls = Arrays.copyOf(this.calls, capacity);
		this.ownNanos = Arrays.copyOf(this.ownNanos, capacity);
		this.deepNanos = Arrays.copyOf(this.deepNanos, capacity);
	}

	// ---- the collector, on the tracer's thread ----

	/** Calls of this thread handed to the store so far. Collector only. */
	long collectedCalls() {
		return this.collectedExits;
	}

	/**
	 * Hands the calls completed since the previous visit to {@code sink}, one record per
	 * node that changed: its path, and the growth of its calls, own and deep nanoseconds.
	 * @param sample reused for every record
	 * @return whether anything changed
	 */
	boolean collect(SampleSink sink, Sample sample, long now) {
		long exitsNow = (long) EXITS.getAcquire(this);
		if (exitsNow == this.collectedExits) {
			return false;
		}
		this.collectedExits = exitsNow;
		int nodes = (int) SIZE.getAcquire(this);
		int[] frames = this.frame;
		int[] parents = this.parent;
		long[] callCounts = this.calls;
		long[] own = this.ownNanos;
		long[] deep = this.deepNanos;
		ensureReported(nodes);
		String threadName = this.thread.getName();
		for (int node = 1; node < nodes; node++) {
			long newCalls = callCounts[node] - this.reportedCalls[node];
			long newOwn = own[node] - this.reportedOwnNanos[node];
			long newDeep = deep[node] - this.reportedDeepNanos[node];
			if (newCalls == 0 && newOwn == 0 && newDeep == 0) {
				continue;
			}
			this.reportedCalls[node] += newCalls;
			this.reportedOwnNanos[node] += newOwn;
			this.reportedDeepNanos[node] += newDeep;
			// The path below the group, root first.
			int pathLength = 0;
			int group = node;
			for (int n = node; parents[n] != ROOT; n = parents[n]) {
				pathLength++;
				group = parents[n];
			}
			int[] path = sample.ensureDepth(pathLength);
			int i = pathLength;
			for (int n = node; n != group; n = parents[n]) {
				path[--i] = frames[n];
			}
			sample.threadId = this.thread.getId();
			sample.threadName = threadName;
			sample.timeNanos = now;
			sample.weight = newOwn;
			sample.tagSetId = tagSetIdOfGroup(frames[group]);
			sample.calls = newCalls;
			sample.deepNanos = newDeep;
			sink.accept(sample);
		}
		return true;
	}

	private void ensureReported(int nodes) {
		if (this.reportedCalls.length < nodes) {
			int capacity = Math.max(nodes, this.reportedCalls.length * 2);
			this.reportedCalls = Arrays.copyOf(this.reportedCalls, capacity);
			this.reportedOwnNanos = Arrays.copyOf(this.reportedOwnNanos, capacity);
			this.reportedDeepNanos = Arrays.copyOf(this.reportedDeepNanos, capacity);
		}
	}

}
