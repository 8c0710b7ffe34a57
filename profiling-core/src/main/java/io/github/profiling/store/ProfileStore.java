package io.github.profiling.store;

import io.github.profiling.context.TagSets;
import io.github.profiling.sample.FrameTable;
import io.github.profiling.sample.ProfilingClock;
import io.github.profiling.sample.Sample;
import io.github.profiling.sample.SampleSink;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates samples into call trees: one tree per time bucket (a second by default) over the
 * retention, plus one cumulative tree since start. The first level of every tree is the
 * sample's group (tag set and thread name), so that queries filter by tags and thread by
 * choosing groups, never by re-reading samples.
 * <p>
 * Memory is bounded by a node budget: {@code maxNodes} for the cumulative tree and as many again
 * for all retained buckets together. Weight that finds no room goes to a visible
 * {@code [truncated]} node, so no view ever loses or invents weight. Thread-safe: ingest and
 * queries take the store's lock; a sample is added in well under a microsecond.
 * <p>
 * The tracer delivers completed calls instead of samples ({@link #acceptCalls}): the weight is
 * then nanoseconds of OWN time, and the trees also carry {@code calls}, {@code ownNanos} and
 * {@code deepNanos} per node.
 */
public final class ProfileStore implements SampleSink {

	private final FrameTable frames;

	private final TagSets tagSets;

	private final ProfilingClock clock;

	private final long bucketNanos;

	private final Bucket[] ring;

	private final NodeBudget windowBudget;

	private final Bucket cumulative;

	private final NodeBudget cumulativeBudget;

	private final Groups groups = new Groups();

	private long origin;

	private long highestIndex;

	private long sampleCount;

	// Whether the data since the last reset came from the tracer (nanoseconds, call metrics).
	private boolean holdsCalls;

	private int[] scratch = new int[128];

	public ProfileStore(FrameTable frames, TagSets tagSets, ProfilingClock clock, Duration bucket, Duration retention,
			int maxNodes) {
		if (bucket.isNegative() || bucket.isZero()) {
			throw new IllegalArgumentException("bucket must be positive");
		}
		if (retention.compareTo(bucket) < 0) {
			throw new IllegalArgumentException("retention must be at least one bucket");
		}
		if (maxNodes < 16) {
			throw new IllegalArgumentException("max-nodes must be at least 16");
		}
		this.frames = frames;
		this.tagSets = tagSets;
		this.clock = clock;
		this.bucketNanos = bucket.toNanos();
		int buckets = (int) Math.min(1_000_000, ceilDiv(retention.toNanos(), this.bucketNanos));
		this.ring = new Bucket[buckets];
		this.windowBudget = new NodeBudget(maxNodes);
		this.cumulativeBudget = new NodeBudget(maxNodes);
		this.cumulative = new Bucket();
		this.origin = clock.nanoTime();
		this.highestIndex = 0;
	}

	// ---- ingest ----

	@Override
	public synchronized void accept(Sample sample) {
		ingest(sample, false, 0, 0);
	}

	/**
	 * Adds calls the tracer saw complete: {@code sample.frames} is the call path, its weight the
	 * calls' OWN nanoseconds, added like a sample's; {@code calls} and {@code deepNanos} go to the
	 * call metrics of the path's last node.
	 */
	public synchronized void acceptCalls(Sample sample, long calls, long deepNanos) {
		this.holdsCalls = true;
		ingest(sample, true, calls, deepNanos);
	}

	/** Whether the data held came from the tracer: weights are nanoseconds, nodes carry calls. */
	public synchronized boolean holdsCalls() {
		return this.holdsCalls;
	}

	private void ingest(Sample sample, boolean traced, long calls, long deepNanos) {
		long index = Math.floorDiv(sample.timeNanos - this.origin, this.bucketNanos);
		if (index > this.highestIndex) {
			// Never file a sample into a future bucket: it would evict a bucket still in the
			// window. Only a sample newer than all before it can be, so only then read the clock.
			index = Math.min(index, Math.floorDiv(this.clock.nanoTime() - this.origin, this.bucketNanos));
		}
		int group = this.groups.groupOf(sample.tagSetId, sample.threadName);
		int leaf = add(this.cumulative, this.cumulativeBudget, group, sample);
		if (traced) {
			this.cumulative.tree.addCalls(leaf, calls, sample.weight, deepNanos);
		}
		if (index > this.highestIndex) {
			expireBefore(index - this.ring.length + 1);
			this.highestIndex = index;
		}
		if (index > this.highestIndex - this.ring.length) {
			Bucket bucket = bucketFor(index);
			leaf = add(bucket, this.windowBudget, group, sample);
			if (traced) {
				bucket.tree.addCalls(leaf, calls, sample.weight, deepNanos);
			}
		}
		this.sampleCount++;
	}

	private Bucket bucketFor(long index) {
		int slot = (int) Math.floorMod(index, (long) this.ring.length);
		Bucket bucket = this.ring[slot];
		if (bucket == null) {
			bucket = new Bucket();
			this.ring[slot] = bucket;
		}
		if (bucket.index != index) {
			bucket.release(this.windowBudget);
			bucket.index = index;
		}
		return bucket;
	}

	private void expireBefore(long firstKept) {
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index < firstKept && bucket.tree.size() > 1) {
				bucket.release(this.windowBudget);
			}
		}
	}

	/**
	 * Adds a sample below its group node, within the budget: the stack's known prefix is
	 * followed, new nodes are created while the budget lasts, and the rest folds into a
	 * {@code [truncated]} child.
	 * @return the node that took the sample's OWN weight
	 */
	private int add(Bucket bucket, NodeBudget budget, int group, Sample sample) {
		CallTree tree = bucket.tree;
		int[] stack = sample.frames;
		int depth = sample.depth;
		long weight = sample.weight;
		int groupNode = tree.child(CallTree.ROOT, groupFrame(group));
		if (groupNode == CallTree.NONE) {
			groupNode = tree.create(CallTree.ROOT, groupFrame(group));
			bucket.nodes++;
			budget.take(1);
		}
		// Follow the part of the stack the tree already has.
		if (this.scratch.length < depth) {
			this.scratch = new int[Math.max(depth, this.scratch.length * 2)];
		}
		int[] path = this.scratch;
		int node = groupNode;
		int known = 0;
		// Consecutive samples share most of their stack (thread start, container, framework):
		// the prefix shared with the previous sample of this tree is matched by comparing frame
		// ids, without a hash lookup per frame.
		PathCache cache = bucket.pathCaches[groupNode & (PathCache.WAYS - 1)];
		if (cache.groupNode == groupNode) {
			int limit = Math.min(depth, cache.depth);
			int[] cachedFrames = cache.frames;
			int[] cachedNodes = cache.nodes;
			while (known < limit && cachedFrames[known] == stack[known]) {
				path[known] = cachedNodes[known];
				known++;
			}
			if (known > 0) {
				node = path[known - 1];
			}
		}
		while (known < depth) {
			int child = tree.child(node, stack[known]);
			if (child == CallTree.NONE) {
				break;
			}
			path[known++] = child;
			node = child;
		}
		int leaf;
		int pathLength = known;
		if (known < depth) {
			long missing = depth - known;
			if (budget.remaining() >= missing) {
				for (int i = known; i < depth; i++) {
					node = tree.create(node, stack[i]);
					path[pathLength++] = node;
				}
				bucket.nodes += missing;
				budget.take(missing);
				leaf = node;
			}
			else {
				int truncated = tree.child(node, FrameTable.TRUNCATED_ID);
				if (truncated == CallTree.NONE && budget.tryTakeReserve()) {
					// Room for the truncation marker: keep as much of the stack as fits.
					long room = budget.remaining();
					for (int i = known; i < depth && room > 0; i++, room--) {
						node = tree.create(node, stack[i]);
						path[pathLength++] = node;
					}
					bucket.nodes += pathLength - known;
					budget.take(pathLength - known);
					truncated = tree.create(node, FrameTable.TRUNCATED_ID);
					bucket.nodes++;
					bucket.reserveNodes++;
				}
				else if (truncated == CallTree.NONE) {
					// Nothing left at all: the group's own [truncated] node takes the weight.
					pathLength = 0;
					truncated = tree.child(groupNode, FrameTable.TRUNCATED_ID);
					if (truncated == CallTree.NONE) {
						truncated = tree.create(groupNode, FrameTable.TRUNCATED_ID);
						bucket.nodes++;
						budget.take(1);
					}
				}
				path[pathLength++] = truncated;
				leaf = truncated;
			}
		}
		else {
			leaf = node;
		}
		tree.addDeep(CallTree.ROOT, weight);
		tree.addDeep(groupNode, weight);
		for (int i = 0; i < pathLength; i++) {
			tree.addDeep(path[i], weight);
		}
		tree.addOwn(leaf, weight);
		// The path entries that stand for frames of the stack: all but a [truncated] leaf.
		int framed = (pathLength > 0 && path[pathLength - 1] == leaf && tree.frame(leaf) == FrameTable.TRUNCATED_ID)
				? pathLength - 1 : pathLength;
		cache.remember(groupNode, stack, path, framed);
		return leaf;
	}

	private static int groupFrame(int group) {
		return -1 - group;
	}

	private static int groupOf(int frame) {
		return -1 - frame;
	}

	// ---- queries ----

	/** The merged, filtered, pruned tree for a query. */
	public QueryResult query(ProfileQuery query) {
		CallTree merged = new CallTree(1024);
		if (holdsCalls()) {
			// Even an empty window of traced data answers with call metrics.
			merged.enableCallMetrics();
		}
		Instant[] bounds = forEachMatchingGroup(query, (group, source, node) -> merged.merge(source, node, CallTree.ROOT));
		CallTree result = (query.maxDepth() == ProfileQuery.UNLIMITED_DEPTH && query.minPercent() <= 0) ? merged
				: merged.pruned(query.maxDepth(), query.minPercent());
		return new QueryResult(result, this.frames, bounds[0], bounds[1]);
	}

	/**
	 * One tree per tag set for a query (not pruned), for views that keep the tags of every
	 * sample, as pprof's labels do.
	 */
	public TaggedTrees queryByTags(ProfileQuery query) {
		Map<Integer, CallTree> trees = new LinkedHashMap<>();
		Instant[] bounds = forEachMatchingGroup(query, (group, source, node) -> trees
			.computeIfAbsent(this.groups.tagSetId(group), (id) -> newResultTree())
			.merge(source, node, CallTree.ROOT));
		Map<io.github.profiling.context.TagSet, CallTree> byTags = new LinkedHashMap<>();
		trees.forEach((id, tree) -> byTags.put(this.tagSets.get(id), tree));
		return new TaggedTrees(byTags, this.frames, bounds[0], bounds[1]);
	}

	private CallTree newResultTree() {
		CallTree tree = new CallTree(256);
		if (this.holdsCalls) {
			tree.enableCallMetrics();
		}
		return tree;
	}

	/** What a query visits: a group node of a tree in the window. Called under the store's lock. */
	@FunctionalInterface
	private interface GroupVisitor {

		void visit(int group, CallTree source, int groupNode);

	}

	/** Visits the group nodes of the query's window that match its filters; returns the window's bounds. */
	private synchronized Instant[] forEachMatchingGroup(ProfileQuery query, GroupVisitor visitor) {
		boolean[] matching = this.groups.matching(query.tags(), query.thread(), this.tagSets);
		long now = this.clock.nanoTime();
		Instant from;
		if (query.window().isSinceStart()) {
			visitGroups(this.cumulative.tree, matching, visitor);
			from = this.clock.toInstant(this.origin);
		}
		else {
			long[] range = bucketRange(query.window(), now);
			for (Bucket bucket : this.ring) {
				if (bucket != null && bucket.index >= range[0] && bucket.index < range[1]) {
					visitGroups(bucket.tree, matching, visitor);
				}
			}
			from = this.clock.toInstant(bucketStart(range[0]));
			now = Math.min(now, bucketStart(range[1]));
		}
		return new Instant[] { from, this.clock.toInstant(now) };
	}

	private static void visitGroups(CallTree source, boolean[] matching, GroupVisitor visitor) {
		for (int node = source.firstChild(CallTree.ROOT); node != CallTree.NONE; node = source.nextSibling(node)) {
			int group = groupOf(source.frame(node));
			if (group < matching.length && matching[group]) {
				visitor.visit(group, source, node);
			}
		}
	}

	/** Weight per tag set in the window, most first. */
	public List<TagShare> tagShares(ProfileQuery query) {
		Map<Integer, long[]> weights = new LinkedHashMap<>();
		forEachMatchingGroup(query, (group, source, node) -> weights
			.computeIfAbsent(this.groups.tagSetId(group), (id) -> new long[1])[0] += source.deep(node));
		long total = 0;
		for (long[] weight : weights.values()) {
			total += weight[0];
		}
		List<TagShare> shares = new ArrayList<>();
		for (Map.Entry<Integer, long[]> entry : weights.entrySet()) {
			long weight = entry.getValue()[0];
			if (weight > 0) {
				shares.add(new TagShare(this.tagSets.get(entry.getKey()), weight, 100.0 * weight / total));
			}
		}
		shares.sort(Comparator.comparingLong(TagShare::samples).reversed());
		return shares;
	}

	/** {@code [from, to)} bucket indexes of a window, clipped to the retention. */
	private long[] bucketRange(Window window, long now) {
		long current = Math.floorDiv(now - this.origin, this.bucketNanos);
		long from;
		long to;
		if (window.kind == Window.Kind.LAST_SECONDS) {
			// Saturate: a window of billions of seconds must not wrap around to a short one.
			long nanos = (window.from > Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : window.from * 1_000_000_000L;
			long buckets = Math.max(1, ceilDiv(nanos, this.bucketNanos));
			to = current + 1;
			from = to - buckets;
		}
		else {
			from = window.from;
			to = window.to;
		}
		return new long[] { Math.max(from, current - this.ring.length + 1), Math.min(to, current + 1) };
	}

	private static long ceilDiv(long x, long y) {
		return -Math.floorDiv(-x, y);
	}

	private long bucketStart(long index) {
		return this.origin + index * this.bucketNanos;
	}

	// ---- what live streams need ----

	/** Index of the bucket in progress now. */
	public long currentBucket() {
		return Math.floorDiv(this.clock.nanoTime() - this.origin, this.bucketNanos);
	}

	/** Nanoseconds until the bucket in progress completes. */
	public long nanosUntilNextBucket() {
		long elapsed = Math.floorMod(this.clock.nanoTime() - this.origin, this.bucketNanos);
		return this.bucketNanos - elapsed;
	}

	public long bucketNanos() {
		return this.bucketNanos;
	}

	public int retainedBuckets() {
		return this.ring.length;
	}

	// ---- status ----

	/** Weight ingested since start or reset. */
	public synchronized long totalWeight() {
		return this.cumulative.tree.total();
	}

	/** Samples ingested since start or reset. */
	public synchronized long sampleCount() {
		return this.sampleCount;
	}

	/** Nodes held now, cumulative tree and buckets together. */
	public synchronized long nodes() {
		return this.cumulativeBudget.used() + this.windowBudget.used();
	}

	/** The node budget of the cumulative tree, and again of the buckets. */
	public long maxNodes() {
		return this.cumulativeBudget.limit();
	}

	/** Approximate bytes held by the trees. */
	public synchronized long retainedBytes() {
		long bytes = this.cumulative.tree.retainedBytes();
		for (Bucket bucket : this.ring) {
			if (bucket != null) {
				bytes += bucket.tree.retainedBytes();
			}
		}
		return bytes;
	}

	public Instant startedAt() {
		return this.clock.toInstant(this.origin);
	}

	/** Drops all data; the window restarts now. */
	public synchronized void reset() {
		this.cumulative.release(this.cumulativeBudget);
		for (int i = 0; i < this.ring.length; i++) {
			if (this.ring[i] != null) {
				this.ring[i].release(this.windowBudget);
				this.ring[i] = null;
			}
		}
		this.groups.clear();
		this.origin = this.clock.nanoTime();
		this.highestIndex = 0;
		this.sampleCount = 0;
		this.holdsCalls = false;
	}

	/** The stack of the last sample added below one group node, and the nodes of its path. */
	private static final class PathCache {

		static final int WAYS = 8;

		int groupNode = CallTree.NONE;

		int[] frames = new int[128];

		int[] nodes = new int[128];

		int depth;

		static PathCache[] newWays() {
			PathCache[] ways = new PathCache[WAYS];
			for (int i = 0; i < WAYS; i++) {
				ways[i] = new PathCache();
			}
			return ways;
		}

		void remember(int groupNode, int[] stack, int[] path, int depth) {
			if (this.frames.length < depth) {
				this.frames = new int[Math.max(depth, this.frames.length * 2)];
				this.nodes = new int[this.frames.length];
			}
			System.arraycopy(stack, 0, this.frames, 0, depth);
			System.arraycopy(path, 0, this.nodes, 0, depth);
			this.depth = depth;
			this.groupNode = groupNode;
		}

		void forget() {
			this.groupNode = CallTree.NONE;
			this.depth = 0;
		}

	}

	/** One tree and what it holds of its budget. */
	private static final class Bucket {

		long index = Long.MIN_VALUE;

		private static final int INITIAL_NODES = 256;

		// Past this, an emptied tree's arrays are dropped rather than kept for reuse: otherwise
		// every bucket would keep the arrays of its busiest second and the budget would not bound
		// memory.
		private static final int KEPT_CAPACITY_NODES = 4096;

		CallTree tree = new CallTree(INITIAL_NODES);

		long nodes;

		long reserveNodes;

		// The last path of a few groups, by group node: samples arrive interleaved by thread.
		final PathCache[] pathCaches = PathCache.newWays();

		void release(NodeBudget budget) {
			for (PathCache cache : this.pathCaches) {
				cache.forget();
			}
			budget.release(this.nodes, this.reserveNodes);
			this.nodes = 0;
			this.reserveNodes = 0;
			if (this.tree.capacity() > KEPT_CAPACITY_NODES) {
				this.tree = new CallTree(INITIAL_NODES);
			}
			else {
				this.tree.clear();
			}
		}

	}

}
