package io.github.profiling.store;

import io.github.profiling.collect.LongIntMap;
import io.github.profiling.context.ScopeIds;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The own call trees of the slowest requests: for every request tag set (a route), the
 * {@code slowest} requests of each minute of the retention whose duration reached
 * {@code minDuration}. A request's tree holds exactly the samples taken while a thread
 * worked for it: the request thread's, and those of threads its context was propagated to
 * (their scopes carry its request id, see {@link ScopeIds}).
 * <p>
 * Whether a request is kept is known only when it ends, and samplers that read JFR
 * (async-profiler, JFR) deliver its samples up to a few seconds later. So samples of
 * requests not kept (yet) wait in a ring of {@code bufferedSamples}; when a request ends
 * and is kept, its samples move from the ring into its tree, and later ones go there at
 * once. Samples of requests not kept age out of the ring. A kept request whose samples
 * may have been overwritten before it ended is marked incomplete.
 * <p>
 * Call paths are interned once in a path table shared by every kept request, as the
 * {@link ProfileStore} does: requests of one route share most of their stacks. Memory is
 * bounded by configuration: at most {@code maxRequests} trees, at most {@code maxNodes}
 * path nodes (the oldest buffered samples, then the oldest kept requests give way), and
 * the ring. Thread-safe: ingest, request ends and queries take its lock.
 */
public final class RequestProfiles implements SampleSink {

	/** The limits and choices of what is kept. */
	public record Settings(int slowest, Duration minDuration, int maxRequests, int maxNodes, int bufferedSamples) {

		public Settings {
			if (slowest < 0) {
				throw new IllegalArgumentException("requests.slowest must not be negative");
			}
			if (minDuration.isNegative()) {
				throw new IllegalArgumentException("requests.min-duration must not be negative");
			}
			if (maxRequests < 1) {
				throw new IllegalArgumentException("requests.max-requests must be at least 1");
			}
			if (maxNodes < ProfileStore.MIN_NODES) {
				throw new IllegalArgumentException("requests.max-nodes must be at least " + ProfileStore.MIN_NODES);
			}
			if (bufferedSamples < 1) {
				throw new IllegalArgumentException("requests.buffered-samples must be at least 1");
			}
		}

		/** The defaults: the 10 slowest per route and minute, of any duration. */
		public static Settings defaults() {
			return new Settings(10, Duration.ZERO, 2_000, 1_000_000, 65_536);
		}

	}

	/**
	 * A kept request: what ended when, under which tags, with its trace ids if tracing
	 * knew them.
	 */
	public record Request(String id, TagSet tags, Instant start, Instant end, double durationMillis, long samples,
			long weight, boolean complete, String traceId, String spanId) {
	}

	/** One request's own tree and what it was. */
	public record RequestTree(Request request, QueryResult result) {
	}

	private static final long NANOS_PER_MINUTE = 60_000_000_000L;

	private static final int RING_FREE = ScopeIds.NO_REQUEST;

	private final FrameTable frames;

	private final TagSets tagSets;

	private final ProfilingClock clock;

	private final Settings settings;

	private final long retentionMinutes;

	private final PathTable paths = new PathTable();

	private final PathLookup lookup = new PathLookup();

	private final TreeBuilder treeBuilder = new TreeBuilder();

	// The ring of samples that wait for their request's end: request id (RING_FREE once
	// taken or dropped), tag set, path, weight and time.
	private final int[] ringRequests;

	private final int[] ringTagSets;

	private final int[] ringPaths;

	private final long[] ringWeights;

	private final long[] ringTimes;

	private long ringWritten;

	// The time of the newest sample overwritten while still waiting: a request that began
	// before it may have lost samples.
	private long lastOverwrittenNanos = Long.MIN_VALUE;

	private long overwrittenSamples;

	// Kept requests by id, and the groups of (tag set, minute) that rank them.
	private final LongIntMap keptSlots = new LongIntMap(64);

	private final List<Kept> kept = new ArrayList<>();

	private final LongIntMap groupSlots = new LongIntMap(64);

	private final ArrayDeque<Group> groupsByAge = new ArrayDeque<>();

	// Every live group, at the slot groupSlots maps its key to; null where one was
	// dropped.
	private final List<Group> groupList = new ArrayList<>();

	private int keptCount;

	private long droppedSamples;

	private Recording recording;

	public RequestProfiles(FrameTable frames, TagSets tagSets, ProfilingClock clock, Duration retention,
			Settings settings) {
		this.frames = frames;
		this.tagSets = tagSets;
		this.clock = clock;
		this.settings = settings;
		this.retentionMinutes = Math.max(1, (retention.toNanos() + NANOS_PER_MINUTE - 1) / NANOS_PER_MINUTE);
		int capacity = settings.bufferedSamples();
		this.ringRequests = new int[capacity];
		this.ringTagSets = new int[capacity];
		this.ringPaths = new int[capacity];
		this.ringWeights = new long[capacity];
		this.ringTimes = new long[capacity];
	}

	public Settings settings() {
		return this.settings;
	}

	/** Whether requests are kept at all: {@code slowest} above 0. */
	public boolean isEnabled() {
		return this.settings.slowest() > 0;
	}

	// ---- ingest ----

	/** Takes a sample of a request (others are ignored): into its tree, or the ring. */
	@Override
	public void accept(Sample sample) {
		// Checked before the lock: most samples are of no request.
		if (sample.requestId != ScopeIds.NO_REQUEST && isEnabled()) {
			add(sample);
		}
	}

	private synchronized void add(Sample sample) {
		int path = pathOf(sample);
		if (path == PathTable.NONE) {
			this.droppedSamples++;
			return;
		}
		int slot = this.keptSlots.get(sample.requestId);
		if (slot != LongIntMap.MISSING) {
			this.kept.get(slot).add(sample.tagSetId, path, sample.weight);
			return;
		}
		int at = (int) (this.ringWritten % this.ringRequests.length);
		if (this.ringWritten >= this.ringRequests.length && this.ringRequests[at] != RING_FREE) {
			this.overwrittenSamples++;
			this.lastOverwrittenNanos = Math.max(this.lastOverwrittenNanos, this.ringTimes[at]);
		}
		this.ringRequests[at] = sample.requestId;
		this.ringTagSets[at] = sample.tagSetId;
		this.ringPaths[at] = path;
		this.ringWeights[at] = sample.weight;
		this.ringTimes[at] = sample.timeNanos;
		this.ringWritten++;
	}

	/**
	 * The sample's path, interned within the bound; {@link PathTable#NONE} if it cannot
	 * fit even after older data gave way.
	 */
	private int pathOf(Sample sample) {
		int known = this.lookup.knownPrefix(this.paths, sample.tagSetId, sample);
		int needed = sample.depth - known;
		if (this.paths.size() + needed > this.settings.maxNodes()) {
			if (needed > this.settings.maxNodes() / 2) {
				return PathTable.NONE;
			}
			makeRoom(needed);
			known = this.lookup.knownPrefix(this.paths, sample.tagSetId, sample);
			needed = sample.depth - known;
			if (this.paths.size() + needed > this.settings.maxNodes()) {
				return PathTable.NONE;
			}
		}
		int[] path = this.lookup.path();
		int node = (known > 0) ? path[known - 1] : PathTable.ROOT;
		for (int i = known; i < sample.depth; i++) {
			node = this.paths.add(node, sample.frames[i]);
			path[i] = node;
		}
		this.lookup.remember(sample.tagSetId, sample, sample.depth);
		return node;
	}

	/**
	 * Compacts the paths; if they still fill more than three quarters of the bound, the
	 * oldest waiting samples give way, then the oldest kept requests.
	 */
	private void makeRoom(int needed) {
		long goal = Math.max(0, this.settings.maxNodes() - needed - this.settings.maxNodes() / 4);
		compactPaths();
		long waiting = Math.min(this.ringWritten, this.ringRequests.length);
		while (this.paths.size() > goal && waiting > 0) {
			// The older half of the ring.
			long oldest = this.ringWritten - waiting;
			long drop = Math.max(1, waiting / 2);
			for (long i = oldest; i < oldest + drop; i++) {
				int at = (int) (i % this.ringRequests.length);
				if (this.ringRequests[at] != RING_FREE) {
					this.ringRequests[at] = RING_FREE;
					this.overwrittenSamples++;
					this.lastOverwrittenNanos = Math.max(this.lastOverwrittenNanos, this.ringTimes[at]);
				}
			}
			waiting -= drop;
			compactPaths();
		}
		while (this.paths.size() > goal && this.keptCount > 0) {
			Group oldest = oldestGroupWithRequests();
			oldest.removeFastest(this);
			compactPaths();
		}
	}

	private void compactPaths() {
		boolean[] keep = new boolean[this.paths.size()];
		keep[PathTable.ROOT] = true;
		for (Kept request : this.kept) {
			if (request != null) {
				request.weights.markPaths(this.paths, keep);
			}
		}
		for (int at = 0; at < this.ringRequests.length; at++) {
			if (this.ringRequests[at] != RING_FREE) {
				markPath(this.ringPaths[at], keep);
			}
		}
		int[] renumbered = this.paths.compact(keep);
		for (Kept request : this.kept) {
			if (request != null) {
				request.weights.renumberPaths(renumbered);
			}
		}
		for (int at = 0; at < this.ringRequests.length; at++) {
			if (this.ringRequests[at] != RING_FREE) {
				this.ringPaths[at] = renumbered[this.ringPaths[at]];
			}
		}
		this.lookup.forget();
	}

	private void markPath(int path, boolean[] keep) {
		for (int node = path; !keep[node]; node = this.paths.parent(node)) {
			keep[node] = true;
		}
	}

	/**
	 * A request ended: kept if it is among the {@code slowest} of its tags in the minute
	 * it began, its waiting samples then moved into its tree. Cheap for a request not
	 * kept: one lookup and a comparison, no allocation.
	 * @param requestId the id its scopes carried
	 * @param tagSetId its tags, complete now
	 * @return whether it is kept (then {@link #traceIdsOf} may name its trace)
	 */
	public synchronized boolean requestEnded(int requestId, int tagSetId, long startNanos, long endNanos) {
		if (!isEnabled() || requestId == ScopeIds.NO_REQUEST) {
			return false;
		}
		long durationNanos = endNanos - startNanos;
		if (durationNanos < this.settings.minDuration().toNanos()) {
			return false;
		}
		long minute = Math.floorDiv(epochNanos(startNanos), NANOS_PER_MINUTE);
		dropMinutesBefore(Math.floorDiv(epochNanos(endNanos), NANOS_PER_MINUTE) - this.retentionMinutes + 1);
		long groupKey = LongIntMap.key(tagSetId, (int) minute);
		int groupSlot = this.groupSlots.get(groupKey);
		Group group = (groupSlot != LongIntMap.MISSING) ? groupAt(groupSlot) : null;
		if (group != null && group.isFull(this.settings.slowest()) && durationNanos <= group.fastestNanos()) {
			return false;
		}
		if (group == null) {
			group = new Group(groupKey, minute);
			this.groupSlots.put(groupKey, addGroup(group));
		}
		if (group.isFull(this.settings.slowest())) {
			group.removeFastest(this);
		}
		Kept request = new Kept(requestId, tagSetId, startNanos, endNanos, this.lastOverwrittenNanos < startNanos);
		group.members.add(request);
		int slot = this.kept.indexOf(null);
		if (slot < 0) {
			slot = this.kept.size();
			this.kept.add(request);
		}
		else {
			this.kept.set(slot, request);
		}
		this.keptSlots.put(requestId, slot);
		this.keptCount++;
		takeWaitingSamples(request);
		while (this.keptCount > this.settings.maxRequests()) {
			oldestGroupWithRequests().removeFastest(this);
		}
		return this.keptSlots.get(requestId) != LongIntMap.MISSING;
	}

	/** Names the trace and span of the kept request {@code requestId}. */
	public synchronized void traceIdsOf(int requestId, String traceId, String spanId) {
		int slot = this.keptSlots.get(requestId);
		if (slot != LongIntMap.MISSING) {
			Kept request = this.kept.get(slot);
			request.traceId = traceId;
			request.spanId = spanId;
		}
	}

	private void takeWaitingSamples(Kept request) {
		long waiting = Math.min(this.ringWritten, this.ringRequests.length);
		for (long i = this.ringWritten - waiting; i < this.ringWritten; i++) {
			int at = (int) (i % this.ringRequests.length);
			if (this.ringRequests[at] == request.requestId) {
				request.add(this.ringTagSets[at], this.ringPaths[at], this.ringWeights[at]);
				this.ringRequests[at] = RING_FREE;
			}
		}
	}

	/** Adds a new group: last in age, in a free slot of the list. @return its slot */
	private int addGroup(Group group) {
		this.groupsByAge.addLast(group);
		int slot = this.groupList.indexOf(null);
		if (slot < 0) {
			slot = this.groupList.size();
			this.groupList.add(group);
		}
		else {
			this.groupList.set(slot, group);
		}
		group.slot = slot;
		return slot;
	}

	private Group groupAt(int slot) {
		return this.groupList.get(slot);
	}

	private Group oldestGroupWithRequests() {
		for (Group group : this.groupsByAge) {
			if (!group.members.isEmpty()) {
				return group;
			}
		}
		throw new IllegalStateException("no kept request");
	}

	private void dropMinutesBefore(long firstKeptMinute) {
		while (!this.groupsByAge.isEmpty() && this.groupsByAge.peekFirst().minute < firstKeptMinute) {
			Group group = this.groupsByAge.pollFirst();
			while (!group.members.isEmpty()) {
				group.removeFastest(this);
			}
			this.groupSlots.remove(group.key);
			this.groupList.set(group.slot, null);
		}
	}

	private void forget(Kept request) {
		int slot = this.keptSlots.remove(request.requestId);
		if (slot != LongIntMap.MISSING) {
			this.kept.set(slot, null);
			this.keptCount--;
		}
	}

	private long epochNanos(long nanoTime) {
		return this.clock.toEpochNanos(nanoTime);
	}

	// ---- queries ----

	/**
	 * The kept requests whose tags match and that began in the window, slowest first, at
	 * most {@code limit}.
	 */
	public synchronized List<Request> requests(TagFilter tags, Window window, int limit) {
		long[] range = rangeOf(window);
		List<Kept> matching = new ArrayList<>();
		for (Kept request : this.kept) {
			if (request != null && request.startNanos >= range[0] && request.startNanos < range[1]
					&& tags.matches(this.tagSets.get(request.tagSetId))) {
				matching.add(request);
			}
		}
		matching.sort(Comparator.comparingLong((Kept request) -> request.endNanos - request.startNanos).reversed());
		List<Request> answer = new ArrayList<>();
		for (Kept request : matching.subList(0, Math.min(limit, matching.size()))) {
			answer.add(describe(request));
		}
		return answer;
	}

	/**
	 * The own tree of the kept request {@code id} ({@link Request#id()}), pruned and
	 * focused as {@code query} says (its window, tags and thread are not used), or
	 * {@code null} if no such request is kept.
	 */
	public synchronized RequestTree tree(String id, ProfileQuery query) {
		Kept request = keptById(id);
		if (request == null) {
			return null;
		}
		CallTree tree = this.treeBuilder.build(request.weights, this.paths, false);
		if (query.focus() != null) {
			tree = query.focus().apply(tree, this.frames);
		}
		if (query.maxDepth() != ProfileQuery.UNLIMITED_DEPTH || query.minPercent() > 0) {
			tree = tree.pruned(query.maxDepth(), query.minPercent());
		}
		return new RequestTree(describe(request), new QueryResult(tree, this.frames,
				this.clock.toInstant(request.startNanos), this.clock.toInstant(request.endNanos), this.recording));
	}

	/**
	 * The own trees of the kept requests that began in the window and match, unpruned:
	 * what a pprof export labels with each request's trace and span ids.
	 */
	public synchronized List<RequestTree> trees(TagFilter tags, Window window) {
		List<RequestTree> trees = new ArrayList<>();
		for (Request request : requests(tags, window, Integer.MAX_VALUE)) {
			trees.add(tree(request.id(), ProfileQuery.all()));
		}
		return trees;
	}

	/**
	 * The pprof labels of a kept request's trace: the names Pyroscope links a profile to
	 * a trace by.
	 */
	public static final String TRACE_ID_LABEL = "trace_id";

	public static final String SPAN_ID_LABEL = "span_id";

	/**
	 * The trees of a window ({@code window}, as the store answered {@code query}) with
	 * the samples of kept requests that know their trace split out under their tags plus
	 * {@link #TRACE_ID_LABEL} and {@link #SPAN_ID_LABEL}: the same weight, each sample
	 * once, now telling which trace it served. Weight the window no longer holds (older
	 * than what the store kept) is not added.
	 */
	public synchronized TaggedTrees withTraceLabels(TaggedTrees window, ProfileQuery query) {
		Map<TagSet, CallTree> trees = new LinkedHashMap<>(window.trees());
		long[] range = rangeOf(query.window());
		for (Kept request : this.kept) {
			if (request == null || request.traceId == null || request.startNanos < range[0]
					|| request.startNanos >= range[1]) {
				continue;
			}
			for (Map.Entry<Integer, CallTree> own : ownTreesByTagSet(request, query).entrySet()) {
				TagSet tags = this.tagSets.get(own.getKey());
				CallTree from = trees.get(tags);
				if (from == null) {
					continue;
				}
				CallTree labelled = new CallTree();
				moveOwnWeight(own.getValue(), from, labelled);
				if (labelled.total() > 0) {
					TagSet withTrace = tags.with(TagSet.of(Map.of(TRACE_ID_LABEL, request.traceId, SPAN_ID_LABEL,
							(request.spanId != null) ? request.spanId : "")));
					CallTree existing = trees.get(withTrace);
					if (existing != null) {
						existing.merge(labelled);
					}
					else {
						trees.put(withTrace, labelled);
					}
				}
			}
		}
		return new TaggedTrees(trees, window.frames(), window.from(), window.to(), window.recording());
	}

	/** The kept request's own trees by tag set, focused as {@code query} says. */
	private Map<Integer, CallTree> ownTreesByTagSet(Kept request, ProfileQuery query) {
		Map<Integer, PathWeights> byTagSet = new LinkedHashMap<>();
		for (int i = 0; i < request.weights.size(); i++) {
			long key = request.weights.key(i);
			byTagSet.computeIfAbsent(PathWeights.group(key), (id) -> new PathWeights())
				.add(PathWeights.key(0, PathWeights.path(key)), request.weights.weight(i));
		}
		Map<Integer, CallTree> trees = new LinkedHashMap<>();
		byTagSet.forEach((tagSetId, weights) -> {
			CallTree tree = this.treeBuilder.build(weights, this.paths, false);
			trees.put(tagSetId, (query.focus() != null) ? query.focus().apply(tree, this.frames) : tree);
		});
		return trees;
	}

	/**
	 * Moves the OWN weight of {@code own}'s nodes out of {@code from}'s matching nodes
	 * (as far as they hold it) into {@code to}, keeping DEEP right on both. Iterative,
	 * since stacks may be thousands of frames deep: a tree's nodes are created after
	 * their parents, so one pass down maps them and one pass up sums what moved.
	 */
	private static void moveOwnWeight(CallTree own, CallTree from, CallTree to) {
		int size = own.size();
		int[] fromNodes = new int[size];
		int[] toNodes = new int[size];
		long[] moved = new long[size];
		fromNodes[CallTree.ROOT] = CallTree.ROOT;
		toNodes[CallTree.ROOT] = CallTree.ROOT;
		for (int node = 1; node < size; node++) {
			int parent = own.parent(node);
			int fromParent = fromNodes[parent];
			int fromNode = (fromParent != CallTree.NONE) ? from.child(fromParent, own.frame(node)) : CallTree.NONE;
			fromNodes[node] = fromNode;
			if (fromNode == CallTree.NONE) {
				toNodes[node] = CallTree.NONE;
				continue;
			}
			toNodes[node] = to.childOrCreate(toNodes[parent], own.frame(node));
			moved[node] = Math.min(own.own(node), from.own(fromNode));
			from.addOwn(fromNode, -moved[node]);
			to.addOwn(toNodes[node], moved[node]);
		}
		// Children after parents: from the last node back, each adds its DEEP to its
		// parent.
		long[] deep = moved.clone();
		for (int node = size - 1; node >= 0; node--) {
			if (fromNodes[node] == CallTree.NONE) {
				continue;
			}
			from.addDeep(fromNodes[node], -deep[node]);
			to.addDeep(toNodes[node], deep[node]);
			if (node != CallTree.ROOT) {
				deep[own.parent(node)] += deep[node];
			}
		}
	}

	private Kept keptById(String id) {
		int requestId;
		try {
			requestId = Integer.parseUnsignedInt(id);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		int slot = (requestId != ScopeIds.NO_REQUEST) ? this.keptSlots.get(requestId) : LongIntMap.MISSING;
		return (slot != LongIntMap.MISSING) ? this.kept.get(slot) : null;
	}

	private Request describe(Kept request) {
		return new Request(Integer.toUnsignedString(request.requestId), this.tagSets.get(request.tagSetId),
				this.clock.toInstant(request.startNanos), this.clock.toInstant(request.endNanos),
				(request.endNanos - request.startNanos) / 1e6, request.samples, request.weight, request.complete,
				request.traceId, request.spanId);
	}

	/** The nanoTime range {@code [from, to)} of request starts a window covers. */
	private long[] rangeOf(Window window) {
		long now = this.clock.nanoTime();
		return switch (window.kind) {
			case LAST_SECONDS ->
				new long[] { now - (window.from + window.to) * 1_000_000_000L, now - window.to * 1_000_000_000L + 1 };
			case SINCE_START, BUCKETS -> new long[] { Long.MIN_VALUE, Long.MAX_VALUE };
			case STARTUP -> new long[] { 0, 0 };
		};
	}

	// ---- status ----

	/** Requests whose trees are kept now; never above {@code maxRequests}. */
	public synchronized int keptRequests() {
		return this.keptCount;
	}

	/** Path nodes held now; never above {@code maxNodes}. */
	public synchronized int nodes() {
		return this.paths.size();
	}

	/**
	 * Samples that waited for their request's end and were overwritten or given way
	 * before it came: lost for that request, had it been kept.
	 */
	public synchronized long overwrittenSamples() {
		return this.overwrittenSamples;
	}

	/** Samples whose stack could not fit in the path bound at all. */
	public synchronized long droppedSamples() {
		return this.droppedSamples;
	}

	/** Bytes of what is held: the paths, every kept tree and the ring. */
	public synchronized long retainedBytes() {
		long bytes = this.paths.retainedBytes() + this.treeBuilder.retainedBytes()
				+ this.ringRequests.length * (4L + 4 + 4 + 8 + 8) + this.keptSlots.retainedBytes()
				+ this.groupSlots.retainedBytes();
		for (Kept request : this.kept) {
			if (request != null) {
				bytes += Kept.FIXED_BYTES + request.weights.retainedBytes();
			}
		}
		return bytes;
	}

	// ---- lifecycle ----

	/**
	 * Records under {@code next} from now on; data of another recording is dropped, as
	 * the store does.
	 */
	public synchronized void startRecording(Recording next) {
		if (!next.equals(this.recording)) {
			if (this.recording != null) {
				reset();
			}
			this.recording = next;
		}
	}

	/** Drops every kept request and waiting sample. */
	public synchronized void reset() {
		this.kept.clear();
		this.keptSlots.clear();
		this.keptCount = 0;
		this.groupSlots.clear();
		this.groupsByAge.clear();
		this.groupList.clear();
		Arrays.fill(this.ringRequests, RING_FREE);
		this.ringWritten = 0;
		this.lastOverwrittenNanos = Long.MIN_VALUE;
		this.overwrittenSamples = 0;
		this.droppedSamples = 0;
		this.paths.clear();
		this.lookup.forget();
	}

	/** A kept request and its own weights per path. */
	private static final class Kept {

		// The object, its strings and the group's reference, roughly.
		static final long FIXED_BYTES = 160;

		final int requestId;

		final int tagSetId;

		final long startNanos;

		final long endNanos;

		String traceId;

		String spanId;

		final boolean complete;

		final PathWeights weights = new PathWeights();

		long samples;

		long weight;

		Kept(int requestId, int tagSetId, long startNanos, long endNanos, boolean complete) {
			this.requestId = requestId;
			this.tagSetId = tagSetId;
			this.startNanos = startNanos;
			this.endNanos = endNanos;
			this.complete = complete;
		}

		void add(int tagSetId, int path, long weight) {
			// By tag set too: a sample on a thread the request handed work to may carry
			// scopes of its own.
			this.weights.add(PathWeights.key(tagSetId, path), weight);
			this.samples++;
			this.weight += weight;
		}

	}

	/** The kept requests of one tag set that began in one minute. */
	private static final class Group {

		final long key;

		final long minute;

		final List<Kept> members = new ArrayList<>();

		int slot;

		Group(long key, long minute) {
			this.key = key;
			this.minute = minute;
		}

		boolean isFull(int slowest) {
			return this.members.size() >= slowest;
		}

		long fastestNanos() {
			return fastest().endNanos - fastest().startNanos;
		}

		private Kept fastest() {
			Kept fastest = this.members.get(0);
			for (Kept member : this.members) {
				if (member.endNanos - member.startNanos < fastest.endNanos - fastest.startNanos) {
					fastest = member;
				}
			}
			return fastest;
		}

		void removeFastest(RequestProfiles owner) {
			Kept fastest = fastest();
			this.members.remove(fastest);
			owner.forget(fastest);
		}

	}

}
