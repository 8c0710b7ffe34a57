package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the samples of the retention as weights per (group, call path) and time bucket (a second
 * by default), and builds call trees from them at query time. Each distinct call path is interned
 * once in a {@link PathTable}, so a second of a deep, busy application costs a few entries per
 * distinct stack, not a tree. A group is a (tag set, thread name) pair: filters by tags and thread
 * pick groups, so they cost nothing at ingest and conserve weight. Buckets that leave the
 * retention are folded into an archive, which with the buckets answers "since start".
 * <p>
 * Memory is bounded by {@code maxNodes}: path nodes plus entries of the buckets and the archive,
 * never more. When the bound is reached, the oldest data gives way first: the archive (so "since
 * start" begins later), then the oldest buckets (so the retained window is shorter than the
 * retention); both are logged once and shown by {@link #retainedSeconds()} and
 * {@link #startedAt()}. Only a single bucket that alone exceeds the bound folds the rest of its
 * stacks into {@code [truncated]}: weight is never lost. Thread-safe: ingest and queries take the
 * store's lock.
 * <p>
 * In the tracer's {@link Recording} the samples are records of completed calls: the weight is
 * then nanoseconds of OWN time, and the trees also carry {@code calls}, {@code ownNanos} and
 * {@code deepNanos} per node.
 */
public final class ProfileStore implements SampleSink {

	private static final System.Logger logger = System.getLogger(ProfileStore.class.getName());

	/** The smallest {@code maxNodes} that can hold anything. */
	public static final int MIN_NODES = 16;

	private final FrameTable frames;

	private final TagSets tagSets;

	private final ProfilingClock clock;

	private final long bucketNanos;

	private final Bucket[] ring;

	private final PathWeights archive = new PathWeights();

	// What the application did until it was ready, once it left the retention: kept apart from
	// "since start", so that the default view is the running application.
	private final PathWeights startup = new PathWeights();

	private final PathTable paths = new PathTable();

	private final Groups groups = new Groups();

	private final TreeBuilder treeBuilder = new TreeBuilder();

	private final long maxNodes;

	// Nodes kept back for [truncated] markers, so that a window that alone overflows stays exact.
	private final long reserveNodes;

	// Entries of the buckets and the archive together; with the paths, what the bound counts.
	private long entries;

	private long origin;

	// Where "since start" begins: the origin, or later once the archive gave way to the bound.
	private long sinceStartFrom;

	private long highestIndex;

	// Buckets before this were dropped to stay within the bound.
	private long firstKeptIndex = Long.MIN_VALUE;

	// Buckets before this hold the startup; none until the application says it is ready.
	private long readyIndex = Long.MIN_VALUE;

	private long readyNanos;

	private long sampleCount;

	private boolean boundReported;

	// Where the data came from; null until something is recorded.
	private Recording recording;

	// The key of weight that finds no room even for a [truncated] entry.
	private static final long OVERFLOW = -1;

	private int[] scratch = new int[128];

	private final PathCache[] pathCaches = PathCache.newWays();

	public ProfileStore(FrameTable frames, TagSets tagSets, ProfilingClock clock, Duration bucket, Duration retention,
			int maxNodes) {
		if (bucket.isNegative() || bucket.isZero()) {
			throw new IllegalArgumentException("bucket must be positive");
		}
		if (retention.compareTo(bucket) < 0) {
			throw new IllegalArgumentException("retention must be at least one bucket");
		}
		if (maxNodes < MIN_NODES) {
			throw new IllegalArgumentException("max-nodes must be at least " + MIN_NODES);
		}
		this.frames = frames;
		this.tagSets = tagSets;
		this.clock = clock;
		this.bucketNanos = bucket.toNanos();
		int buckets = (int) Math.min(1_000_000, ceilDiv(retention.toNanos(), this.bucketNanos));
		this.ring = new Bucket[buckets];
		this.maxNodes = maxNodes;
		this.reserveNodes = Math.max(4, maxNodes / 16);
		this.origin = clock.nanoTime();
		this.sinceStartFrom = this.origin;
	}

	// ---- ingest ----

	/**
	 * Adds a sample. In the tracer's recording a sample is a record of completed calls: its weight
	 * the calls' OWN nanoseconds, added like a sample's, and {@code calls} and {@code deepNanos} go
	 * to the call metrics of the path's last node.
	 */
	@Override
	public synchronized void accept(Sample sample) {
		ingest(sample, withCallMetrics(), sample.calls, sample.deepNanos);
	}

	private void ingest(Sample sample, boolean traced, long calls, long deepNanos) {
		long index = Math.floorDiv(sample.timeNanos - this.origin, this.bucketNanos);
		if (index > this.highestIndex) {
			// Never file a sample into a future bucket: it would evict a bucket still in the
			// window. Only a sample newer than all before it can be, so only then read the clock.
			index = Math.min(index, Math.floorDiv(this.clock.nanoTime() - this.origin, this.bucketNanos));
		}
		if (index > this.highestIndex) {
			expireBefore(index - this.ring.length + 1);
			this.highestIndex = index;
		}
		// A sample older than the retention, or than what the bound kept, counts since start only.
		PathWeights target = (index > this.highestIndex - this.ring.length && index >= this.firstKeptIndex)
				? bucketFor(index).weights : (index < this.readyIndex) ? this.startup : this.archive;
		int group = this.groups.groupOf(sample.tagSetId, sample.threadName);
		long key = keyOf(group, sample, target);
		this.sampleCount++;
		if (key == OVERFLOW) {
			target.addOverflow(sample.weight, calls, deepNanos);
			return;
		}
		boolean created = traced ? target.addCalls(key, sample.weight, calls, deepNanos)
				: target.add(key, sample.weight);
		if (created) {
			this.entries++;
		}
	}

	/**
	 * The entry key of a sample in {@code target}: its group and its interned path, the path's
	 * missing nodes created within the bound. Where they do not fit even after the oldest data
	 * gave way, the stack is cut at its deepest known frame below a {@code [truncated]} node.
	 */
	private long keyOf(int group, Sample sample, PathWeights target) {
		int known = knownPrefix(group, sample);
		int missing = sample.depth - known;
		long needed = missing + 1;
		long limit = this.maxNodes - this.reserveNodes;
		// A stack that could never fit makes no older data give way.
		if (this.paths.size() + this.entries + needed > limit && needed <= limit / 2 && makeRoom(needed, target)) {
			// Paths were renumbered: follow the stack again.
			known = knownPrefix(group, sample);
			missing = sample.depth - known;
			needed = missing + 1;
		}
		int[] path = this.scratch;
		int node = (known > 0) ? path[known - 1] : PathTable.ROOT;
		if (this.paths.size() + this.entries + needed <= this.maxNodes - this.reserveNodes) {
			for (int i = known; i < sample.depth; i++) {
				node = this.paths.add(node, sample.frames[i]);
				path[i] = node;
			}
			rememberPath(group, sample, sample.depth);
			return PathWeights.key(group, node);
		}
		// Last resort: [truncated] below the deepest known frame, from the reserve.
		rememberPath(group, sample, known);
		int truncated = this.paths.child(node, FrameTable.TRUNCATED_ID);
		long truncatedKey;
		if (truncated != PathTable.NONE) {
			truncatedKey = PathWeights.key(group, truncated);
			if (target.contains(truncatedKey) || this.paths.size() + this.entries + 1 <= this.maxNodes) {
				return truncatedKey;
			}
		}
		else if (this.paths.size() + this.entries + 2 <= this.maxNodes) {
			return PathWeights.key(group, this.paths.add(node, FrameTable.TRUNCATED_ID));
		}
		// Not even that fits: the weight is kept outside the entries, under [truncated] and the
		// overflow tag set (see PathWeights#addOverflow).
		return OVERFLOW;
	}

	/** How many of the sample's frames the path table has already, their path nodes in {@link #scratch}. */
	private int knownPrefix(int group, Sample sample) {
		int[] stack = sample.frames;
		int depth = sample.depth;
		if (this.scratch.length < depth) {
			this.scratch = new int[Math.max(depth, this.scratch.length * 2)];
		}
		int[] path = this.scratch;
		int known = 0;
		int node = PathTable.ROOT;
		// Consecutive samples of a group share most of their stack (thread start, container,
		// framework): the prefix shared with its previous sample is matched by comparing frame
		// ids, without a lookup per frame.
		PathCache cache = this.pathCaches[group & (PathCache.WAYS - 1)];
		if (cache.group == group) {
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
			int child = this.paths.child(node, stack[known]);
			if (child == PathTable.NONE) {
				break;
			}
			path[known++] = child;
			node = child;
		}
		return known;
	}

	private void rememberPath(int group, Sample sample, int depth) {
		this.pathCaches[group & (PathCache.WAYS - 1)].remember(group, sample.frames, this.scratch, depth);
	}

	/**
	 * Lets the oldest data give way until {@code needed} more nodes fit with some headroom: first
	 * the archive, then the oldest buckets but the one in progress. Compacts the path table after.
	 * @return whether anything was dropped (and so path nodes renumbered)
	 */
	private boolean makeRoom(long needed, PathWeights target) {
		long limit = this.maxNodes - this.reserveNodes;
		// Headroom, so that the next samples do not make room again at once.
		long goal = Math.max(0, limit - needed - limit / 8);
		boolean dropped = false;
		while (this.paths.size() + this.entries > goal) {
			if (this.startup.size() > 0 && target != this.startup) {
				this.entries -= this.startup.size();
				this.startup.clear();
				reportBound("the startup's data was dropped");
			}
			else if (this.archive.size() > 0 && target != this.archive) {
				this.entries -= this.archive.size();
				this.archive.clear();
				this.sinceStartFrom = Math.max(this.sinceStartFrom, bucketStart(oldestKeptIndex()));
				reportBound("the data older than the retention was dropped, so 'since start' now begins at "
						+ this.clock.toInstant(this.sinceStartFrom));
			}
			else if (!dropOldestBuckets(target)) {
				break;
			}
			dropped = true;
			compactPaths();
		}
		return dropped;
	}

	/** Drops the oldest eighth of the kept buckets (at least one), never the one being written. */
	private boolean dropOldestBuckets(PathWeights target) {
		long oldest = oldestKeptIndex();
		long kept = this.highestIndex - oldest + 1;
		if (kept <= 1) {
			return false;
		}
		long firstKept = Math.min(this.highestIndex, oldest + Math.max(1, kept / 8));
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index < firstKept && bucket.index != Long.MIN_VALUE
					&& bucket.weights != target) {
				this.entries -= bucket.weights.size();
				bucket.drop();
			}
		}
		this.firstKeptIndex = firstKept;
		// The archive gave way first, so "since start" now begins with the buckets kept.
		this.sinceStartFrom = Math.max(this.sinceStartFrom, bucketStart(firstKept));
		reportBound("the oldest seconds give way, so windows now reach back "
				+ (this.highestIndex - firstKept + 1) * this.bucketNanos / 1_000_000_000L + " s");
		return true;
	}

	private void reportBound(String what) {
		if (!this.boundReported) {
			this.boundReported = true;
			logger.log(System.Logger.Level.WARNING, "The profile store reached its bound of " + this.maxNodes
					+ " nodes (management.profiling.max-nodes): " + what
					+ ". Raise the bound or shorten management.profiling.retention to keep the whole retention.");
		}
	}

	/** Keeps only the paths some entry still uses. */
	private void compactPaths() {
		boolean[] keep = new boolean[this.paths.size()];
		keep[PathTable.ROOT] = true;
		this.archive.markPaths(this.paths, keep);
		this.startup.markPaths(this.paths, keep);
		for (Bucket bucket : this.ring) {
			if (bucket != null) {
				bucket.weights.markPaths(this.paths, keep);
			}
		}
		int[] renumbered = this.paths.compact(keep);
		this.archive.renumberPaths(renumbered);
		this.startup.renumberPaths(renumbered);
		for (Bucket bucket : this.ring) {
			if (bucket != null) {
				bucket.weights.renumberPaths(renumbered);
			}
		}
		for (PathCache cache : this.pathCaches) {
			cache.forget();
		}
	}

	private long oldestKeptIndex() {
		return Math.max(this.firstKeptIndex, this.highestIndex - this.ring.length + 1);
	}

	private Bucket bucketFor(long index) {
		int slot = (int) Math.floorMod(index, (long) this.ring.length);
		Bucket bucket = this.ring[slot];
		if (bucket == null) {
			bucket = new Bucket();
			this.ring[slot] = bucket;
		}
		if (bucket.index != index) {
			archive(bucket);
			bucket.index = index;
		}
		return bucket;
	}

	private void expireBefore(long firstKept) {
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index < firstKept && bucket.index != Long.MIN_VALUE) {
				archive(bucket);
			}
		}
	}

	/** Folds a bucket that leaves the retention into the archive, or the startup's. */
	private void archive(Bucket bucket) {
		if (bucket.weights.size() > 0 || bucket.weights.overflowWeight() > 0) {
			PathWeights target = (bucket.index < this.readyIndex) ? this.startup : this.archive;
			this.entries += target.addAll(bucket.weights) - bucket.weights.size();
		}
		bucket.drop();
	}

	/**
	 * The application is ready: what came before is its startup ({@link Window#startup()}), and
	 * "since start" begins now. Only the first call counts, until a reset.
	 */
	public synchronized void markReady() {
		if (this.readyIndex != Long.MIN_VALUE) {
			return;
		}
		long now = this.clock.nanoTime();
		this.readyIndex = Math.floorDiv(now - this.origin, this.bucketNanos);
		this.readyNanos = bucketStart(this.readyIndex);
		// What already left the retention is startup too.
		this.entries += this.startup.addAll(this.archive) - this.archive.size();
		this.archive.clear();
		this.sinceStartFrom = Math.max(this.sinceStartFrom, this.readyNanos);
	}

	// ---- queries ----

	/** The merged, filtered, pruned tree for a query. */
	public synchronized QueryResult query(ProfileQuery query) {
		PathWeights merged = new PathWeights();
		Instant[] bounds = forEachMatchingEntry(query,
				(group, path, weight, calls, deepNanos, traced) -> add(merged, path, weight, calls, deepNanos, traced));
		CallTree tree = focused(this.treeBuilder.build(merged, this.paths, withCallMetrics()), query);
		CallTree result = (query.maxDepth() == ProfileQuery.UNLIMITED_DEPTH && query.minPercent() <= 0) ? tree
				: tree.pruned(query.maxDepth(), query.minPercent());
		return new QueryResult(result, this.frames, bounds[0], bounds[1], this.recording);
	}

	/**
	 * One tree per tag set for a query (not pruned), for views that keep the tags of every
	 * sample, as pprof's labels do.
	 */
	public synchronized TaggedTrees queryByTags(ProfileQuery query) {
		Map<Integer, PathWeights> byTagSet = new LinkedHashMap<>();
		Instant[] bounds = forEachMatchingEntry(query,
				(group, path, weight, calls, deepNanos, traced) -> add(
						byTagSet.computeIfAbsent(this.groups.tagSetId(group), (id) -> new PathWeights()), path, weight,
						calls, deepNanos, traced));
		Map<TagSet, CallTree> trees = new LinkedHashMap<>();
		byTagSet.forEach((id, weights) -> trees.put(this.tagSets.get(id),
				focused(this.treeBuilder.build(weights, this.paths, withCallMetrics()), query)));
		return new TaggedTrees(trees, this.frames, bounds[0], bounds[1], this.recording);
	}

	/** Weight per tag set in the window, most first. */
	public synchronized List<TagShare> tagShares(ProfileQuery query) {
		Map<Integer, long[]> weights = new LinkedHashMap<>();
		forEachMatchingEntry(query, (group, path, weight, calls, deepNanos, traced) -> weights
			.computeIfAbsent(this.groups.tagSetId(group), (id) -> new long[1])[0] += weight);
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

	/**
	 * Whether the data is the tracer's: weights are nanoseconds and nodes carry call metrics, even
	 * in a window in which no call completed. The recording alone decides it.
	 */
	private boolean withCallMetrics() {
		return this.recording != null && this.recording.traced();
	}

	private CallTree focused(CallTree tree, ProfileQuery query) {
		return (query.focus() != null) ? query.focus().apply(tree, this.frames) : tree;
	}

	private static void add(PathWeights target, int path, long weight, long calls, long deepNanos, boolean traced) {
		long key = PathWeights.key(0, path);
		if (traced) {
			target.addCalls(key, weight, calls, deepNanos);
		}
		else {
			target.add(key, weight);
		}
	}

	/** What a query visits: the weight of one path of one group in the window. Called under the lock. */
	@FunctionalInterface
	private interface EntryVisitor {

		void visit(int group, int path, long weight, long calls, long deepNanos, boolean traced);

	}

	/** Visits the entries of the query's window that match its filters; returns the window's bounds. */
	private Instant[] forEachMatchingEntry(ProfileQuery query, EntryVisitor visitor) {
		// The overflow group first, so that it has an id the filters can match.
		int overflowGroup = this.groups.groupOf(this.tagSets.intern(TagSets.OVERFLOW), Groups.OTHER_THREADS);
		boolean[] matching = this.groups.matching(query.tags(), query.thread(), this.tagSets);
		boolean overflowMatches = matching[overflowGroup];
		long now = this.clock.nanoTime();
		long current = Math.floorDiv(now - this.origin, this.bucketNanos);
		long from;
		long to;
		Instant start;
		if (query.window().isSinceStart()) {
			visitEntries(this.archive, matching, overflowMatches ? overflowGroup : -1, visitor);
			from = this.readyIndex;
			to = Long.MAX_VALUE;
			start = this.clock.toInstant(this.sinceStartFrom);
		}
		else if (query.window().kind == Window.Kind.STARTUP) {
			visitEntries(this.startup, matching, overflowMatches ? overflowGroup : -1, visitor);
			from = Long.MIN_VALUE;
			to = this.readyIndex;
			start = this.clock.toInstant(this.origin);
			now = (this.readyIndex == Long.MIN_VALUE) ? this.origin : Math.min(now, this.readyNanos);
		}
		else {
			long[] range = bucketRange(query.window(), current);
			from = range[0];
			to = range[1];
			start = this.clock.toInstant(bucketStart(from));
			now = Math.min(now, bucketStart(to));
		}
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index >= from && bucket.index < to && bucket.index != Long.MIN_VALUE) {
				visitEntries(bucket.weights, matching, overflowMatches ? overflowGroup : -1, visitor);
			}
		}
		return new Instant[] { start, this.clock.toInstant(now) };
	}

	private static void visitEntries(PathWeights weights, boolean[] matching, int overflowGroup,
			EntryVisitor visitor) {
		boolean traced = weights.hasCalls();
		for (int entry = 0; entry < weights.size(); entry++) {
			long key = weights.key(entry);
			int group = PathWeights.group(key);
			if (group < matching.length && matching[group]) {
				visitor.visit(group, PathWeights.path(key), weights.weight(entry), weights.calls(entry),
						weights.deepNanos(entry), traced);
			}
		}
		if (overflowGroup >= 0 && weights.overflowWeight() > 0) {
			visitor.visit(overflowGroup, PathTable.TRUNCATED, weights.overflowWeight(), weights.overflowCalls(),
					weights.overflowDeepNanos(), traced || weights.overflowCalls() > 0);
		}
	}

	/** {@code [from, to)} bucket indexes of a window, clipped to what is kept. */
	private long[] bucketRange(Window window, long current) {
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
		long oldest = Math.max(this.firstKeptIndex, current - this.ring.length + 1);
		return new long[] { Math.max(from, oldest), Math.min(to, current + 1) };
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

	// ---- status ----

	/** Weight held since start or reset, the startup's included. */
	public synchronized long totalWeight() {
		long total = this.archive.totalWeight() + this.startup.totalWeight();
		for (Bucket bucket : this.ring) {
			if (bucket != null) {
				total += bucket.weights.totalWeight();
			}
		}
		return total;
	}

	/** Samples ingested since start or reset. */
	public synchronized long sampleCount() {
		return this.sampleCount;
	}

	/** Nodes held now: path nodes and the entries of every bucket and the archive. Never above {@link #maxNodes()}. */
	public synchronized long nodes() {
		return this.paths.size() + this.entries;
	}

	/** The bound of {@link #nodes()}. */
	public long maxNodes() {
		return this.maxNodes;
	}

	/**
	 * Seconds of data the {@code seconds} windows reach back now: the retention, or less once the
	 * bound made the oldest seconds give way.
	 */
	public synchronized long retainedSeconds() {
		long current = Math.floorDiv(this.clock.nanoTime() - this.origin, this.bucketNanos);
		long oldest = Math.max(Math.max(this.firstKeptIndex, current - this.ring.length + 1), 0);
		return Math.max(0, (current - oldest + 1) * this.bucketNanos / 1_000_000_000L);
	}

	/** Bytes of the arrays the store holds: paths, weights and the query scratch. */
	public synchronized long retainedBytes() {
		long bytes = this.paths.retainedBytes() + this.archive.retainedBytes() + this.startup.retainedBytes()
				+ this.treeBuilder.retainedBytes();
		for (Bucket bucket : this.ring) {
			if (bucket != null) {
				bytes += bucket.weights.retainedBytes();
			}
		}
		return bytes;
	}

	/** Where "since start" begins: the start or last reset, or later once the bound dropped older data. */
	public synchronized Instant startedAt() {
		return this.clock.toInstant(this.sinceStartFrom);
	}

	/**
	 * Records {@code next} from now on. Data of another recording is dropped first (the window
	 * restarts), so that weights of different samplers, events or intervals never add up.
	 * @return whether a new recording began (and older data was dropped)
	 */
	public synchronized boolean startRecording(Recording next) {
		if (next.equals(this.recording)) {
			return false;
		}
		if (this.recording != null) {
			reset();
		}
		this.recording = next;
		return true;
	}

	/** Where the data held came from, or {@code null} when nothing was recorded yet. */
	public synchronized Recording recording() {
		return this.recording;
	}

	/** Drops all data; the window restarts now. */
	public synchronized void reset() {
		this.archive.clear();
		this.startup.clear();
		this.readyIndex = Long.MIN_VALUE;
		for (int i = 0; i < this.ring.length; i++) {
			this.ring[i] = null;
		}
		this.paths.clear();
		this.groups.clear();
		for (PathCache cache : this.pathCaches) {
			cache.forget();
		}
		this.entries = 0;
		this.origin = this.clock.nanoTime();
		this.sinceStartFrom = this.origin;
		this.highestIndex = 0;
		this.firstKeptIndex = Long.MIN_VALUE;
		this.sampleCount = 0;
		this.boundReported = false;
	}

	/** The stack of the last sample of one group, and the path nodes of its frames. */
	private static final class PathCache {

		static final int WAYS = 8;

		int group = -1;

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

	/** One time bucket's weights. */
	private static final class Bucket {

		long index = Long.MIN_VALUE;

		final PathWeights weights = new PathWeights();

		void drop() {
			this.weights.clear();
			this.index = Long.MIN_VALUE;
		}

	}

}
