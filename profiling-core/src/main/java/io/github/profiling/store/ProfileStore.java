package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;
import io.github.profiling.tree.CallTree;
import io.github.profiling.tree.DiffTree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the samples of the retention as weights per (group, call path) and time bucket (a
 * second by default), and builds call trees from them at query time. Each distinct call
 * path is interned once in a {@link PathTable}, so a second of a deep, busy application
 * costs a few entries per distinct stack, not a tree. A group is a (tag set, thread name)
 * pair: filters by tags and thread pick groups, so they cost nothing at ingest and
 * conserve weight. Buckets that leave the retention are folded into an archive, which
 * with the buckets answers "since start".
 * <p>
 * Memory is bounded by {@code maxNodes}: path nodes plus entries of the buckets and the
 * archive, never more. When the bound is reached, the oldest data gives way first: the
 * archive (so "since start" begins later), then the oldest buckets (so the retained
 * window is shorter than the retention); both are logged once and shown by
 * {@link #retainedSeconds()} and {@link #startedAt()}. Only a single bucket that alone
 * exceeds the bound folds the rest of its stacks into {@code [truncated]}: weight is
 * never lost. Thread-safe: ingest and queries take the store's lock.
 * <p>
 * In the tracer's {@link Recording} the samples are records of completed calls: the
 * weight is then nanoseconds of OWN time, and the trees also carry {@code calls},
 * {@code ownNanos} and {@code deepNanos} per node.
 */
public final class ProfileStore implements SampleSink {

	private static final System.Logger logger = System.getLogger(ProfileStore.class.getName());

	/** The smallest {@code maxNodes} that can hold anything. */
	public static final int MIN_NODES = 16;

	// The key of weight that finds no room even for a [truncated] entry.
	private static final long OVERFLOW = -1;

	private final FrameTable frames;

	private final TagSets tagSets;

	private final TimeBuckets buckets;

	private final PathTable paths = new PathTable();

	private final PathLookup lookup = new PathLookup();

	private final Groups groups = new Groups();

	private final TreeBuilder treeBuilder = new TreeBuilder();

	private final long maxNodes;

	// Nodes kept back for [truncated] markers, so that a window that alone overflows
	// stays exact.
	private final long reserveNodes;

	private long sampleCount;

	private boolean boundReported;

	// Where the data came from; null until something is recorded.
	private Recording recording;

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
		long bucketNanos = bucket.toNanos();
		this.buckets = new TimeBuckets(clock, bucketNanos,
				(int) Math.min(1_000_000, TimeBuckets.ceilDiv(retention.toNanos(), bucketNanos)));
		this.maxNodes = maxNodes;
		this.reserveNodes = Math.max(4, maxNodes / 16);
	}

	// ---- ingest ----

	/**
	 * Adds a sample. In the tracer's recording a sample is a record of completed calls:
	 * its weight the calls' OWN nanoseconds, added like a sample's, and {@code calls} and
	 * {@code deepNanos} go to the call metrics of the path's last node.
	 */
	@Override
	public synchronized void accept(Sample sample) {
		PathWeights target = this.buckets.targetFor(sample.timeNanos);
		int group = this.groups.groupOf(sample.tagSetId, sample.threadName);
		long key = keyOf(group, sample, target);
		this.sampleCount++;
		if (key == OVERFLOW) {
			target.addOverflow(sample.weight, sample.calls, sample.deepNanos);
			return;
		}
		boolean created = withCallMetrics() ? target.addCalls(key, sample.weight, sample.calls, sample.deepNanos)
				: target.add(key, sample.weight);
		if (created) {
			this.buckets.entryCreated();
		}
	}

	/** Path nodes plus entries: what the bound counts. */
	private long used() {
		return this.paths.size() + this.buckets.entries();
	}

	/**
	 * The entry key of a sample in {@code target}: its group and its interned path, the
	 * path's missing nodes created within the bound. Where they do not fit even after the
	 * oldest data gave way, the stack is cut at its deepest known frame below a
	 * {@code [truncated]} node.
	 */
	private long keyOf(int group, Sample sample, PathWeights target) {
		int known = this.lookup.knownPrefix(this.paths, group, sample);
		long needed = sample.depth - known + 1;
		long limit = this.maxNodes - this.reserveNodes;
		// A stack that could never fit makes no older data give way.
		if (used() + needed > limit && needed <= limit / 2 && makeRoom(needed, target)) {
			// Paths were renumbered: follow the stack again.
			known = this.lookup.knownPrefix(this.paths, group, sample);
			needed = sample.depth - known + 1;
		}
		int[] path = this.lookup.path();
		int node = (known > 0) ? path[known - 1] : PathTable.ROOT;
		if (used() + needed <= limit) {
			for (int i = known; i < sample.depth; i++) {
				node = this.paths.add(node, sample.frames[i]);
				path[i] = node;
			}
			this.lookup.remember(group, sample, sample.depth);
			return PathWeights.key(group, node);
		}
		// Last resort: [truncated] below the deepest known frame, from the reserve.
		this.lookup.remember(group, sample, known);
		int truncated = this.paths.child(node, FrameTable.TRUNCATED_ID);
		if (truncated != PathTable.NONE) {
			long truncatedKey = PathWeights.key(group, truncated);
			if (target.contains(truncatedKey) || used() + 1 <= this.maxNodes) {
				return truncatedKey;
			}
		}
		else if (used() + 2 <= this.maxNodes) {
			return PathWeights.key(group, this.paths.add(node, FrameTable.TRUNCATED_ID));
		}
		// Not even that fits: the weight is kept outside the entries, under [truncated]
		// and the
		// overflow tag set (see PathWeights#addOverflow).
		return OVERFLOW;
	}

	/**
	 * Lets the oldest data give way until {@code needed} more nodes fit with some
	 * headroom: first the startup, then the archive, then the oldest buckets but the one
	 * in progress. Compacts the path table after.
	 * @return whether anything was dropped (and so path nodes renumbered)
	 */
	private boolean makeRoom(long needed, PathWeights target) {
		long limit = this.maxNodes - this.reserveNodes;
		// Headroom, so that the next samples do not make room again at once.
		long goal = Math.max(0, limit - needed - limit / 8);
		boolean dropped = false;
		while (used() > goal) {
			if (this.buckets.dropStartup(target)) {
				reportBound("the startup's data was dropped");
			}
			else if (this.buckets.dropArchive(target)) {
				reportBound("the data older than the retention was dropped, so 'since start' now begins at "
						+ this.buckets.startedAt());
			}
			else if (this.buckets.dropOldestBuckets(target)) {
				reportBound(
						"the oldest seconds give way, so windows now reach back " + this.buckets.keptSeconds() + " s");
			}
			else {
				break;
			}
			dropped = true;
			compactPaths();
		}
		return dropped;
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
		this.buckets.forEachWeights((weights) -> weights.markPaths(this.paths, keep));
		int[] renumbered = this.paths.compact(keep);
		this.buckets.forEachWeights((weights) -> weights.renumberPaths(renumbered));
		this.lookup.forget();
	}

	/**
	 * The application is ready: what came before is its startup
	 * ({@link Window#startup()}), and "since start" begins now. Only the first call
	 * counts, until a reset.
	 */
	public synchronized void markReady() {
		this.buckets.markReady();
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
	 * Two profiles on the same frames: {@code base} and {@code compared}, each of its own
	 * window, filters and focus, taken at the same moment. Pruned on both sides alike by
	 * {@code compared}'s {@code maxDepth} and {@code minPercent} (see
	 * {@link DiffTree#pruned}).
	 */
	public synchronized DiffResult diff(ProfileQuery base, ProfileQuery compared) {
		QueryResult baseResult = query(base.unpruned());
		QueryResult comparedResult = query(compared.unpruned());
		DiffTree tree = DiffTree.of(baseResult.tree(), comparedResult.tree());
		DiffTree result = (compared.maxDepth() == ProfileQuery.UNLIMITED_DEPTH && compared.minPercent() <= 0) ? tree
				: tree.pruned(compared.maxDepth(), compared.minPercent());
		return new DiffResult(result, this.frames, baseResult.from(), baseResult.to(), comparedResult.from(),
				comparedResult.to(), this.recording);
	}

	/**
	 * One tree per tag set for a query (not pruned), for views that keep the tags of
	 * every sample, as pprof's labels do.
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

	/**
	 * Weight per tag set and time step over a window of seconds, the query's tag and
	 * thread filters applied. At most {@code maxPoints} steps (each a whole number of
	 * buckets) and {@code maxSeries} tag sets, the heaviest; the weight of the others is
	 * summed in {@link Timeline#others()}.
	 */
	public synchronized Timeline timeline(ProfileQuery query, int maxPoints, int maxSeries) {
		long[] range = this.buckets.range(query.window());
		long buckets = Math.max(0, range[1] - range[0]);
		long step = Math.max(1, TimeBuckets.ceilDiv(buckets, maxPoints));
		int points = (int) TimeBuckets.ceilDiv(buckets, step);
		int overflowGroup = this.groups.groupOf(this.tagSets.intern(TagSets.OVERFLOW), Groups.OTHER_THREADS);
		boolean[] matching = this.groups.matching(query.tags(), query.thread(), this.tagSets);
		int visitedOverflow = matching[overflowGroup] ? overflowGroup : -1;
		// First the weight of each tag set, then the steps of the heaviest only: the
		// answer's
		// arrays stay within maxSeries + 1 of points, however many tag sets there are.
		Map<Integer, long[]> totals = new LinkedHashMap<>();
		this.buckets
			.visitRange(range[0], range[1], (index, weights) -> visitEntries(weights, matching, visitedOverflow, (group,
					path, weight, calls, deepNanos,
					traced) -> totals.computeIfAbsent(this.groups.tagSetId(group), (id) -> new long[1])[0] += weight));
		List<Integer> heaviest = new ArrayList<>();
		totals.forEach((id, weight) -> {
			if (weight[0] > 0) {
				heaviest.add(id);
			}
		});
		heaviest.sort(Comparator.comparingLong((Integer id) -> totals.get(id)[0]).reversed());
		int otherTagSets = Math.max(0, heaviest.size() - maxSeries);
		Map<Integer, long[]> byTagSet = new LinkedHashMap<>();
		for (Integer id : heaviest.subList(0, heaviest.size() - otherTagSets)) {
			byTagSet.put(id, new long[points]);
		}
		long[] others = (otherTagSets > 0) ? new long[points] : null;
		this.buckets.visitRange(range[0], range[1], (index, weights) -> {
			int point = (int) ((index - range[0]) / step);
			visitEntries(weights, matching, visitedOverflow, (group, path, weight, calls, deepNanos, traced) -> {
				long[] values = byTagSet.get(this.groups.tagSetId(group));
				if (values != null) {
					values[point] += weight;
				}
				else if (others != null) {
					others[point] += weight;
				}
			});
		});
		List<Timeline.Series> series = new ArrayList<>();
		for (Map.Entry<Integer, long[]> entry : byTagSet.entrySet()) {
			series.add(new Timeline.Series(this.tagSets.get(entry.getKey()), entry.getValue()));
		}
		Instant from = this.buckets.startOf(Math.min(range[0], range[1]));
		return new Timeline(from, this.buckets.startOf(range[1]), step * this.buckets.bucketNanos(), points,
				List.copyOf(series), (others != null) ? new Timeline.Series(null, others) : null, otherTagSets,
				this.recording);
	}

	/** Weight per tag set in the window, most first. */
	public synchronized List<TagShare> tagShares(ProfileQuery query) {
		Map<Integer, long[]> weights = new LinkedHashMap<>();
		forEachMatchingEntry(query, (group, path, weight, calls, deepNanos,
				traced) -> weights.computeIfAbsent(this.groups.tagSetId(group), (id) -> new long[1])[0] += weight);
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
	 * Whether the data is the tracer's: weights are nanoseconds and nodes carry call
	 * metrics, even in a window in which no call completed. The recording alone decides
	 * it.
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

	/**
	 * What a query visits: the weight of one path of one group in the window. Called
	 * under the lock.
	 */
	@FunctionalInterface
	private interface EntryVisitor {

		void visit(int group, int path, long weight, long calls, long deepNanos, boolean traced);

	}

	/**
	 * Visits the entries of the query's window that match its filters; returns the
	 * window's bounds.
	 */
	private Instant[] forEachMatchingEntry(ProfileQuery query, EntryVisitor visitor) {
		// The overflow group first, so that it has an id the filters can match.
		int overflowGroup = this.groups.groupOf(this.tagSets.intern(TagSets.OVERFLOW), Groups.OTHER_THREADS);
		boolean[] matching = this.groups.matching(query.tags(), query.thread(), this.tagSets);
		int visitedOverflow = matching[overflowGroup] ? overflowGroup : -1;
		return this.buckets.visit(query.window(),
				(weights) -> visitEntries(weights, matching, visitedOverflow, visitor));
	}

	private static void visitEntries(PathWeights weights, boolean[] matching, int overflowGroup, EntryVisitor visitor) {
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

	// ---- what live streams need ----

	/** Index of the bucket in progress now. */
	public long currentBucket() {
		return this.buckets.currentBucket();
	}

	/** Nanoseconds until the bucket in progress completes. */
	public long nanosUntilNextBucket() {
		return this.buckets.nanosUntilNextBucket();
	}

	public long bucketNanos() {
		return this.buckets.bucketNanos();
	}

	// ---- status ----

	/** Weight held since start or reset, the startup's included. */
	public synchronized long totalWeight() {
		return this.buckets.totalWeight();
	}

	/** Samples ingested since start or reset. */
	public synchronized long sampleCount() {
		return this.sampleCount;
	}

	/**
	 * Nodes held now: path nodes and the entries of every bucket and the archive. Never
	 * above {@link #maxNodes()}.
	 */
	public synchronized long nodes() {
		return used();
	}

	/** The bound of {@link #nodes()}. */
	public long maxNodes() {
		return this.maxNodes;
	}

	/**
	 * Seconds of data the {@code seconds} windows reach back now: the retention, or less
	 * once the bound made the oldest seconds give way.
	 */
	public synchronized long retainedSeconds() {
		return this.buckets.retainedSeconds();
	}

	/** Bytes of the arrays the store holds: paths, weights and the query scratch. */
	public synchronized long retainedBytes() {
		return this.paths.retainedBytes() + this.buckets.retainedBytes() + this.treeBuilder.retainedBytes();
	}

	/**
	 * Where "since start" begins: the start or last reset, or later once the bound
	 * dropped older data.
	 */
	public synchronized Instant startedAt() {
		return this.buckets.startedAt();
	}

	/**
	 * Records {@code next} from now on. Data of another recording is dropped first (the
	 * window restarts), so that weights of different samplers, events or intervals never
	 * add up.
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
		this.buckets.reset();
		this.paths.clear();
		this.groups.clear();
		this.lookup.forget();
		this.sampleCount = 0;
		this.boundReported = false;
	}

}
