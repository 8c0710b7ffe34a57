package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.Sample;
import io.github.profiling.testing.ManualClock;
import io.github.profiling.testing.Trees;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static io.github.profiling.testing.ManualClock.SECOND;
import static io.github.profiling.testing.Trees.assertInvariants;
import static io.github.profiling.testing.Trees.byPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ProfileStoreTest {

	private static final long START = 1_000 * SECOND;

	private static final long MILLIS = 1_000_000L;

	private static final List<TagSet> TAG_SETS = List.of(TagSet.of(Map.of("method", "GET", "route", "/a")),
			TagSet.of(Map.of("method", "GET", "route", "/b")), TagSet.of(Map.of("method", "POST", "route", "/a")),
			TagSet.of(Map.of("method", "PUT")), TagSet.of(Map.of("method", "GET", "route", "/a", "tenant", "t1")));

	private static final List<String> THREADS = List.of("http-nio-8080-exec-1", "http-nio-8080-exec-2", "scheduling-1");

	private final ManualClock clock = new ManualClock(START);

	private final FrameTable frames = new FrameTable(1_000_000);

	private final TagSets tagSets = new TagSets(1_000);

	private final Sample sample = new Sample();

	/** What the test delivered, with the bucket each sample belongs in. */
	private final List<Ingested> ingested = new ArrayList<>();

	private record Ingested(long bucket, TagSet tags, String thread, int[] stack, long weight) {
	}

	private ProfileStore newStore(int retentionSeconds, int maxNodes) {
		return new ProfileStore(this.frames, this.tagSets, this.clock, Duration.ofSeconds(1),
				Duration.ofSeconds(retentionSeconds), maxNodes);
	}

	/**
	 * Delivers a sample taken at {@code time}; the store was created at {@link #START}.
	 */
	private void ingest(ProfileStore store, long time, TagSet tags, String thread, int[] stack, long weight) {
		store.accept(this.sample.set(thread.hashCode(), thread, time, stack, weight, this.tagSets.intern(tags)));
		// A sample is filed by its time, but never later than now.
		long bucket = Math.floorDiv(Math.min(time, this.clock.nanoTime()) - START, SECOND);
		this.ingested.add(new Ingested(bucket, tags, thread, stack.clone(), weight));
	}

	private void ingestRandom(ProfileStore store, Random random, long time) {
		ingest(store, time, TAG_SETS.get(random.nextInt(TAG_SETS.size())), THREADS.get(random.nextInt(THREADS.size())),
				randomStack(random), 1 + random.nextInt(5));
	}

	private int[] randomStack(Random random) {
		int[] stack = new int[random.nextInt(7)];
		for (int i = 0; i < stack.length; i++) {
			stack[i] = this.frames.intern("com.example.Service.step" + random.nextInt(4));
		}
		return stack;
	}

	private long weightOf(Predicate<Ingested> which) {
		return this.ingested.stream().filter(which).mapToLong(Ingested::weight).sum();
	}

	private CallTree treeOf(Predicate<Ingested> which) {
		CallTree tree = new CallTree();
		this.ingested.stream().filter(which).forEach((i) -> tree.add(i.stack(), i.stack().length, i.weight()));
		return tree;
	}

	private static Predicate<Ingested> inBuckets(long first, long last) {
		return (i) -> i.bucket() >= first && i.bucket() <= last;
	}

	private static Predicate<Ingested> withTags(Map<String, String> filter) {
		return (i) -> filter.entrySet().stream().allMatch((e) -> e.getValue().equals(i.tags().get(e.getKey())));
	}

	private static QueryResult query(ProfileStore store, Window window, String tags, String thread) {
		TagFilter filter = (tags != null) ? TagFilter.parse(List.of(tags)) : TagFilter.NONE;
		QueryResult result = store.query(new ProfileQuery(window, filter, thread, ProfileQuery.UNLIMITED_DEPTH, 0));
		assertInvariants(result.tree());
		return result;
	}

	private static QueryResult query(ProfileStore store, Window window) {
		return query(store, window, null, null);
	}

	// ---- windows ----

	@Test
	void lastSecondsWindowsHoldExactlyTheSamplesOfTheirBuckets() {
		ProfileStore store = newStore(10, 1_000_000);
		Random random = new Random(42);
		for (int second = 0; second < 30; second++) {
			this.clock.set(START + second * SECOND + random.nextInt(500) * MILLIS);
			int count = random.nextInt(20);
			for (int i = 0; i < count; i++) {
				// Some samples arrive late, up to a second and a half after they were
				// taken.
				long late = random.nextBoolean() ? 0 : random.nextInt(1500) * MILLIS;
				ingestRandom(store, random, Math.max(START, this.clock.nanoTime() - late));
				this.clock.advance(random.nextInt(10) * MILLIS);
			}

			long current = store.currentBucket();
			assertThat(current).isEqualTo(second);
			for (int seconds : new int[] { 1, 2, 3, 5, 10, 60 }) {
				// The window reaches back `seconds` buckets, at most the 10 retained.
				long first = Math.max(current + 1 - seconds, current - 9);
				QueryResult result = query(store, Window.lastSeconds(seconds));
				assertThat(result.samples()).as("second %d, last %d s", second, seconds)
					.isEqualTo(weightOf(inBuckets(first, current)));
				assertThat(byPath(result.tree())).as("second %d, last %d s", second, seconds)
					.isEqualTo(byPath(treeOf(inBuckets(first, current))));
				assertThat(result.from()).isEqualTo(this.clock.toInstant(START + first * SECOND));
				assertThat(result.to()).isEqualTo(this.clock.toInstant(this.clock.nanoTime()));
			}
			QueryResult all = query(store, Window.sinceStart());
			assertThat(all.samples()).isEqualTo(weightOf((i) -> true));
			assertThat(all.from()).isEqualTo(this.clock.toInstant(START));
			assertThat(store.totalWeight()).isEqualTo(weightOf((i) -> true));
			assertThat(store.sampleCount()).isEqualTo(this.ingested.size());
		}
		// Twenty seconds had dropped out of the retention by the end.
		assertThat(query(store, Window.lastSeconds(60)).samples()).isLessThan(store.totalWeight());
	}

	@Test
	void samplesOlderThanTheRetentionLeaveWindowsButStaySinceStart() {
		ProfileStore store = newStore(10, 1_000_000);
		Random random = new Random(3);
		for (int second = 0; second < 5; second++) {
			this.clock.set(START + second * SECOND);
			for (int i = 0; i < 10; i++) {
				ingestRandom(store, random, this.clock.nanoTime());
			}
		}
		long total = weightOf((i) -> true);
		assertThat(query(store, Window.lastSeconds(10)).samples()).isEqualTo(total);

		this.clock.set(START + 14 * SECOND);
		// In bucket 14, the retained buckets are 5..14: those with data have expired.
		assertThat(query(store, Window.lastSeconds(10)).samples()).isZero();
		assertThat(query(store, Window.lastSeconds(60)).samples()).isZero();
		assertThat(query(store, Window.sinceStart()).samples()).isEqualTo(total);
		assertThat(store.tagShares(ProfileQuery.all().withWindow(Window.lastSeconds(60)))).isEmpty();
	}

	@Test
	void aSampleDeliveredAfterItsBucketLeftTheRetentionCountsOnlySinceStart() {
		ProfileStore store = newStore(10, 1_000_000);
		int[] stack = { this.frames.intern("a.B.c") };
		this.clock.set(START + 12 * SECOND);
		ingest(store, this.clock.nanoTime(), TagSet.EMPTY, "main", stack, 5);
		this.clock.set(START + 20 * SECOND);
		// Taken in bucket 2, which shares its ring slot with bucket 12, still in the
		// window.
		ingest(store, START + 2 * SECOND, TagSet.EMPTY, "main", stack, 7);

		assertThat(query(store, Window.lastSeconds(10)).samples()).isEqualTo(5);
		assertThat(query(store, Window.sinceStart()).samples()).isEqualTo(12);
	}

	@Test
	void aSampleStampedInTheFutureIsFiledInTheBucketInProgress() {
		ProfileStore store = newStore(10, 1_000_000);
		this.clock.set(START + 3 * SECOND);
		ingest(store, this.clock.nanoTime() + 5 * SECOND, TagSet.EMPTY, "main", new int[] { 3 }, 4);

		assertThat(query(store, Window.lastSeconds(1)).samples()).isEqualTo(4);
		this.clock.set(START + 4 * SECOND);
		assertThat(query(store, Window.lastSeconds(1)).samples()).isZero();
		assertThat(query(store, Window.lastSeconds(2)).samples()).isEqualTo(4);
	}

	@Test
	void bucketWindowsHoldTheirBucketsClippedToTheRetention() {
		ProfileStore store = newStore(5, 1_000_000);
		Random random = new Random(9);
		for (int second = 0; second < 12; second++) {
			this.clock.set(START + second * SECOND + 100 * MILLIS);
			for (int i = 0; i < 5; i++) {
				ingestRandom(store, random, this.clock.nanoTime());
			}
		}
		// Now in bucket 11; buckets 7..11 are retained.
		assertThat(query(store, Window.buckets(9, 11)).samples()).isEqualTo(weightOf(inBuckets(9, 10)));
		assertThat(query(store, Window.buckets(11, 12)).samples()).isEqualTo(weightOf(inBuckets(11, 11)));
		assertThat(query(store, Window.buckets(0, 9)).samples()).isEqualTo(weightOf(inBuckets(7, 8)));
		assertThat(query(store, Window.buckets(0, 100)).samples()).isEqualTo(weightOf(inBuckets(7, 11)));
		assertThat(query(store, Window.buckets(12, 20)).samples()).isZero();
		assertThat(query(store, Window.buckets(10, 10)).samples()).isZero();
	}

	@Test
	void aWindowLongerThanTheRetentionHoldsTheWholeRetention() {
		ProfileStore store = newStore(10, 1_000_000);
		Random random = new Random(5);
		for (int second = 0; second < 15; second++) {
			this.clock.set(START + second * SECOND);
			for (int i = 0; i < 5; i++) {
				ingestRandom(store, random, this.clock.nanoTime());
			}
		}
		long retained = weightOf(inBuckets(5, 14));
		for (long seconds : new long[] { 10, 11, 3600, 10_000_000_000L, Long.MAX_VALUE }) {
			assertThat(query(store, Window.lastSeconds(seconds)).samples()).as("last %d s", seconds)
				.isEqualTo(retained);
		}
	}

	@Test
	void lastSecondsRejectsNonPositiveSeconds() {
		assertThatIllegalArgumentException().isThrownBy(() -> Window.lastSeconds(0));
		assertThatIllegalArgumentException().isThrownBy(() -> Window.lastSeconds(-5));
	}

	// ---- filters ----

	private ProfileStore storeWithRandomSamples(int seed, int seconds) {
		ProfileStore store = newStore(10, 1_000_000);
		Random random = new Random(seed);
		for (int second = 0; second < seconds; second++) {
			this.clock.set(START + second * SECOND);
			for (int i = 0; i < 200; i++) {
				ingestRandom(store, random, this.clock.nanoTime());
			}
		}
		return store;
	}

	@Test
	void tagFiltersSelectExactlyTheWeightOfTheSamplesWithThoseTags() {
		ProfileStore store = storeWithRandomSamples(11, 3);
		Map<String, Map<String, String>> filters = new HashMap<>();
		filters.put("method:GET", Map.of("method", "GET"));
		filters.put("method:POST", Map.of("method", "POST"));
		filters.put("route:/a", Map.of("route", "/a"));
		filters.put("route:/b", Map.of("route", "/b"));
		filters.put("method:GET,route:/a", Map.of("method", "GET", "route", "/a"));
		filters.put("route:/a, tenant:t1", Map.of("route", "/a", "tenant", "t1"));
		filters.put("route:/c", Map.of("route", "/c"));
		filters.put("method:DELETE", Map.of("method", "DELETE"));
		for (Window window : List.of(Window.sinceStart(), Window.lastSeconds(2))) {
			Predicate<Ingested> inWindow = window.isSinceStart() ? (i) -> true : inBuckets(1, 2);
			for (Map.Entry<String, Map<String, String>> filter : filters.entrySet()) {
				Predicate<Ingested> expected = inWindow.and(withTags(filter.getValue()));
				QueryResult result = query(store, window, filter.getKey(), null);
				assertThat(result.samples()).as(filter.getKey()).isEqualTo(weightOf(expected));
				assertThat(byPath(result.tree())).as(filter.getKey()).isEqualTo(byPath(treeOf(expected)));
			}
		}
		assertThat(weightOf(withTags(Map.of("route", "/a")))).isPositive();
	}

	@Test
	void tagFiltersOverAPartitionOfValuesAddUpToTheUnfilteredTotal() {
		ProfileStore store = storeWithRandomSamples(12, 3);
		long total = query(store, Window.sinceStart()).samples();
		long byMethod = 0;
		for (String method : List.of("GET", "POST", "PUT")) {
			long weight = query(store, Window.sinceStart(), "method:" + method, null).samples();
			assertThat(weight).isPositive();
			byMethod += weight;
		}
		assertThat(byMethod).isEqualTo(total);

		long window = query(store, Window.lastSeconds(2)).samples();
		long windowByMethod = 0;
		for (String method : List.of("GET", "POST", "PUT")) {
			windowByMethod += query(store, Window.lastSeconds(2), "method:" + method, null).samples();
		}
		assertThat(windowByMethod).isEqualTo(window);
	}

	@Test
	void threadFiltersSelectBySubstringOfTheThreadName() {
		ProfileStore store = storeWithRandomSamples(13, 2);
		for (String thread : List.of("exec", "exec-2", "http-nio-8080-exec-1", "scheduling", "nio", "nothing")) {
			Predicate<Ingested> expected = (i) -> i.thread().contains(thread);
			QueryResult result = query(store, Window.sinceStart(), null, thread);
			assertThat(result.samples()).as(thread).isEqualTo(weightOf(expected));
			assertThat(byPath(result.tree())).as(thread).isEqualTo(byPath(treeOf(expected)));
		}
		long total = store.totalWeight();
		assertThat(query(store, Window.sinceStart(), null, "exec").samples()
				+ query(store, Window.sinceStart(), null, "scheduling").samples())
			.isEqualTo(total);
		// An empty thread filter is no filter.
		assertThat(query(store, Window.sinceStart(), null, "").samples()).isEqualTo(total);

		Predicate<Ingested> both = withTags(Map.of("route", "/a")).and((i) -> i.thread().contains("exec-1"));
		assertThat(query(store, Window.sinceStart(), "route:/a", "exec-1").samples()).isEqualTo(weightOf(both));
	}

	@Test
	void tagSharesAddUpToAHundredPercentMostFirst() {
		ProfileStore store = storeWithRandomSamples(14, 3);
		List<TagShare> shares = store.tagShares(ProfileQuery.all());

		assertThat(shares).extracting(TagShare::tags).containsExactlyInAnyOrderElementsOf(TAG_SETS);
		assertThat(shares).isSortedAccordingTo(Comparator.comparingLong(TagShare::samples).reversed());
		assertThat(shares.stream().mapToDouble(TagShare::percent).sum()).isCloseTo(100.0, within(1e-9));
		long total = store.totalWeight();
		for (TagShare share : shares) {
			assertThat(share.samples()).as("%s", share.tags())
				.isEqualTo(weightOf((i) -> i.tags().equals(share.tags())));
			assertThat(share.percent()).isCloseTo(100.0 * share.samples() / total, within(1e-9));
		}

		List<TagShare> gets = store.tagShares(new ProfileQuery(Window.lastSeconds(1),
				TagFilter.parse(List.of("method:GET")), "exec", ProfileQuery.UNLIMITED_DEPTH, 0));
		assertThat(gets).extracting((share) -> share.tags().get("method")).containsOnly("GET");
		assertThat(gets.stream().mapToDouble(TagShare::percent).sum()).isCloseTo(100.0, within(1e-9));
		assertThat(gets.stream().mapToLong(TagShare::samples).sum()).isEqualTo(weightOf(
				inBuckets(2, 2).and(withTags(Map.of("method", "GET"))).and((i) -> i.thread().contains("exec"))));
	}

	@Test
	void tagFiltersStayExactPastTheThreadNameAndGroupCaps() {
		ProfileStore store = newStore(10, 1_000_000);
		int[] stack = { this.frames.intern("a.B.c") };
		List<TagSet> tags = new ArrayList<>();
		for (int t = 0; t < 6; t++) {
			tags.add(TagSet.of("tenant", "t" + t));
		}
		// 6 tag sets x 3000 uniquely named threads: more groups and thread names than
		// kept.
		for (int n = 0; n < 3000; n++) {
			for (int t = 0; t < tags.size(); t++) {
				ingest(store, START, tags.get(t), "pool-1-thread-" + n, stack, 1 + t);
			}
		}
		assertThat(store.totalWeight()).isEqualTo(weightOf((i) -> true));
		for (int t = 0; t < tags.size(); t++) {
			assertThat(query(store, Window.sinceStart(), "tenant:t" + t, null).samples()).isEqualTo(3000L * (1 + t));
			assertThat(query(store, Window.lastSeconds(1), "tenant:t" + t, null).samples()).isEqualTo(3000L * (1 + t));
		}
		assertThat(query(store, Window.sinceStart(), null, "pool-1-thread-0").samples()).isPositive();
	}

	// ---- node budget ----

	@Test
	void aSecondThatAloneExceedsTheBoundFoldsTheRestIntoTruncatedWithoutLosingWeight() {
		int maxNodes = 64;
		ProfileStore store = newStore(5, maxNodes);
		Random random = new Random(21);
		List<TagSet> tags = List.of(TagSet.of("job", "a"), TagSet.of("job", "b"));
		for (int i = 0; i < 700; i++) {
			int[] stack = new int[3 + random.nextInt(10)];
			for (int d = 0; d < stack.length; d++) {
				stack[d] = this.frames.intern("com.example.Generated" + random.nextInt(10_000) + ".run");
			}
			ingest(store, this.clock.nanoTime(), tags.get(random.nextInt(tags.size())), "worker-" + random.nextInt(2),
					stack, 1 + random.nextInt(3));
			assertThat(store.nodes()).isLessThanOrEqualTo(maxNodes);
		}
		long total = weightOf((i) -> true);
		assertThat(store.totalWeight()).isEqualTo(total);
		for (Window window : List.of(Window.sinceStart(), Window.lastSeconds(1))) {
			QueryResult all = query(store, window);
			assertThat(all.samples()).isEqualTo(total);
			assertThat(Trees.containsFrame(all.tree(), FrameTable.TRUNCATED_ID)).isTrue();
			for (TagSet tagSet : tags) {
				assertThat(query(store, window, "job:" + tagSet.get("job"), null).samples())
					.isEqualTo(weightOf((i) -> i.tags().equals(tagSet)));
			}
			assertThat(query(store, window, null, "worker-1").samples())
				.isEqualTo(weightOf((i) -> i.thread().equals("worker-1")));
		}
	}

	@Test
	void atTheBoundTheOldestSecondsGiveWayAndTheNewestAreKeptWhole() {
		int maxNodes = 2_000;
		int retentionSeconds = 60;
		ProfileStore store = newStore(retentionSeconds, maxNodes);
		Random random = new Random(5);
		for (int second = 0; second < 40; second++) {
			this.clock.set(START + second * SECOND);
			// Every second brings stacks never seen before, so the bound is reached long
			// before
			// the retention is full.
			for (int i = 0; i < 30; i++) {
				int[] stack = new int[8];
				stack[0] = this.frames.intern("java.lang.Thread.run");
				for (int d = 1; d < stack.length; d++) {
					stack[d] = this.frames.intern("com.example.S" + second + ".m" + random.nextInt(1000));
				}
				ingest(store, this.clock.nanoTime(), TAG_SETS.get(i % 2), "worker", stack, 1);
				assertThat(store.nodes()).isLessThanOrEqualTo(maxNodes);
			}
		}
		long retained = store.retainedSeconds();
		assertThat(retained).isLessThan(retentionSeconds).isGreaterThanOrEqualTo(2);
		long firstKept = 39 - retained + 1;
		// What is kept is exact and whole; what gave way is the oldest.
		QueryResult window = query(store, Window.lastSeconds(retentionSeconds));
		assertThat(window.samples()).isEqualTo(weightOf(inBuckets(firstKept, 39)));
		assertThat(Trees.containsFrame(window.tree(), FrameTable.TRUNCATED_ID)).isFalse();
		assertThat(window.from()).isEqualTo(this.clock.toInstant(START + firstKept * SECOND));
		QueryResult last = query(store, Window.lastSeconds(1));
		assertThat(last.samples()).isEqualTo(weightOf(inBuckets(39, 39)));
		assertThat(byPath(last.tree())).isEqualTo(byPath(treeOf(inBuckets(39, 39))));
		assertThat(query(store, Window.sinceStart()).samples()).isEqualTo(weightOf(inBuckets(firstKept, 39)));
		assertThat(store.startedAt()).isAfter(this.clock.toInstant(START));
		assertThat(store.totalWeight()).isEqualTo(weightOf(inBuckets(firstKept, 39)));
	}

	@Test
	void theArchiveGivesWayBeforeAnySecondOfTheRetention() {
		ProfileStore store = newStore(5, 1_000);
		Random random = new Random(8);
		for (int second = 0; second < 30; second++) {
			this.clock.set(START + second * SECOND);
			for (int i = 0; i < 30; i++) {
				int[] stack = { this.frames.intern("com.example.S" + second + ".m" + i) };
				ingest(store, this.clock.nanoTime(), TagSet.EMPTY, "worker", stack, 1);
			}
		}
		// 30 s of distinct stacks do not fit beside the retention; the 5 s of the
		// retention do.
		assertThat(store.retainedSeconds()).isEqualTo(5);
		assertThat(query(store, Window.lastSeconds(5)).samples()).isEqualTo(weightOf(inBuckets(25, 29)));
		assertThat(store.startedAt()).isAfter(this.clock.toInstant(START));
		assertThat(query(store, Window.sinceStart()).samples()).isLessThan(weightOf((i) -> true))
			.isGreaterThanOrEqualTo(weightOf(inBuckets(25, 29)));
	}

	@Test
	void aRepeatingDeepWorkloadKeepsTheWholeRetentionWithinAFractionOfTheDefaultBound() {
		int maxNodes = 100_000;
		int retentionSeconds = 300;
		ProfileStore store = newStore(retentionSeconds, maxNodes);
		Random random = new Random(13);
		// A server: 3 000 distinct stacks 100 to 170 frames deep, sharing their container
		// prefix.
		int[][] stacks = new int[3_000][];
		int[] prefix = new int[90];
		for (int d = 0; d < prefix.length; d++) {
			prefix[d] = this.frames.intern("org.apache.catalina.Frame" + d + ".invoke");
		}
		for (int s = 0; s < stacks.length; s++) {
			int[] stack = Arrays.copyOf(prefix, 100 + random.nextInt(71));
			for (int d = prefix.length; d < stack.length; d++) {
				stack[d] = this.frames.intern("com.example.Layer" + (d % 20) + ".m" + ((s * 31 + d) % 150));
			}
			stacks[s] = stack;
		}
		long truncatedSeen = 0;
		for (int second = 0; second < retentionSeconds + 30; second++) {
			this.clock.set(START + second * SECOND);
			for (int i = 0; i < 200; i++) {
				ingest(store, this.clock.nanoTime(), TAG_SETS.get(random.nextInt(3)), THREADS.get(random.nextInt(2)),
						stacks[random.nextInt(stacks.length)], 1);
			}
			assertThat(store.nodes()).isLessThanOrEqualTo(maxNodes);
			if (second % 60 == 0) {
				truncatedSeen += truncatedWeight(query(store, Window.lastSeconds(retentionSeconds)).tree());
			}
		}
		assertThat(truncatedSeen).isZero();
		assertThat(store.retainedSeconds()).isEqualTo(retentionSeconds);
		QueryResult window = query(store, Window.lastSeconds(retentionSeconds));
		assertThat(window.samples()).isEqualTo(weightOf(inBuckets(30, retentionSeconds + 29)));
		assertThat(truncatedWeight(window.tree())).isZero();
		assertThat(query(store, Window.sinceStart()).samples()).isEqualTo(weightOf((i) -> true));
	}

	private static long truncatedWeight(CallTree tree) {
		long weight = 0;
		for (int node = 0; node < tree.size(); node++) {
			if (tree.frame(node) == FrameTable.TRUNCATED_ID) {
				weight += tree.deep(node);
			}
		}
		return weight;
	}

	@Test
	void aStackLongerThanTheWholeBudgetKeepsItsWeightUnderTruncated() {
		ProfileStore store = newStore(10, 16);
		int[] stack = new int[5000];
		for (int d = 0; d < stack.length; d++) {
			stack[d] = this.frames.intern("com.example.Deep.level" + d);
		}
		int[] earlier = { this.frames.intern("com.example.Earlier.run") };
		ingest(store, START, TagSet.EMPTY, "main", earlier, 7);
		this.clock.set(START + SECOND);
		ingest(store, START + SECOND, TagSet.EMPTY, "main", stack, 2);
		ingest(store, START + SECOND, TagSet.EMPTY, "main", stack, 3);

		QueryResult result = query(store, Window.lastSeconds(1));
		assertThat(result.samples()).isEqualTo(5);
		assertThat(Trees.containsFrame(result.tree(), FrameTable.TRUNCATED_ID)).isTrue();
		assertThat(result.tree().size()).isLessThan(40);
		// A stack that could never fit does not make older data give way.
		assertThat(query(store, Window.lastSeconds(2)).samples()).isEqualTo(12);
		assertThat(store.nodes()).isLessThanOrEqualTo(16);
	}

	@Test
	void deepStacksWithinTheBudgetAreKeptWhole() {
		ProfileStore store = newStore(10, 100_000);
		int[] stack = new int[5000];
		for (int d = 0; d < stack.length; d++) {
			stack[d] = this.frames.intern("com.example.Deep.level" + d);
		}
		ingest(store, START, TagSet.EMPTY, "main", stack, 2);

		QueryResult result = query(store, Window.sinceStart());
		int leaf = Trees.nodeAt(result.tree(), stack);
		assertThat(leaf).isNotEqualTo(CallTree.NONE);
		assertThat(result.tree().own(leaf)).isEqualTo(2);
	}

	// ---- startup ----

	@Test
	void theStartupIsKeptApartFromSinceStartBeforeAndAfterItLeavesTheRetention() {
		ProfileStore store = newStore(5, 100_000);
		Random random = new Random(3);
		for (int second = 0; second < 8; second++) {
			this.clock.set(START + second * SECOND + 10 * MILLIS);
			if (second == 3) {
				store.markReady();
			}
			for (int i = 0; i < 20; i++) {
				ingestRandom(store, random, this.clock.nanoTime());
			}
		}
		for (long now : new long[] { 8, 30 }) {
			this.clock.set(START + now * SECOND);
			QueryResult startup = query(store, Window.startup());
			assertThat(byPath(startup.tree())).as("at %d s", now).isEqualTo(byPath(treeOf(inBuckets(0, 2))));
			assertThat(startup.from()).isEqualTo(this.clock.toInstant(START));
			assertThat(startup.to()).isEqualTo(this.clock.toInstant(START + 3 * SECOND));
			QueryResult running = query(store, Window.sinceStart());
			assertThat(byPath(running.tree())).as("at %d s", now).isEqualTo(byPath(treeOf(inBuckets(3, 7))));
			assertThat(running.from()).isEqualTo(this.clock.toInstant(START + 3 * SECOND));
			assertThat(store.totalWeight()).isEqualTo(weightOf((i) -> true));
		}
		// A second call does not move the start again.
		store.markReady();
		assertThat(query(store, Window.startup()).samples()).isEqualTo(weightOf(inBuckets(0, 2)));
	}

	@Test
	void withoutReadinessThereIsNoStartupAndSinceStartHoldsEverything() {
		ProfileStore store = storeWithRandomSamples(15, 3);
		assertThat(query(store, Window.startup()).samples()).isZero();
		assertThat(query(store, Window.sinceStart()).samples()).isEqualTo(weightOf((i) -> true));
	}

	// ---- reset and settings ----

	@Test
	void resetClearsEverything() {
		ProfileStore store = storeWithRandomSamples(15, 3);
		assertThat(store.nodes()).isPositive();

		store.reset();

		assertThat(store.totalWeight()).isZero();
		assertThat(store.sampleCount()).isZero();
		assertThat(store.nodes()).isEqualTo(newStore(15, 100_000).nodes());
		assertThat(query(store, Window.sinceStart()).samples()).isZero();
		assertThat(query(store, Window.sinceStart()).tree().size()).isEqualTo(1);
		assertThat(query(store, Window.lastSeconds(60)).samples()).isZero();
		assertThat(store.tagShares(ProfileQuery.all())).isEmpty();
		assertThat(store.startedAt()).isEqualTo(this.clock.toInstant(this.clock.nanoTime()));
		assertThat(store.currentBucket()).isZero();

		// And it goes on collecting from the reset.
		this.ingested.clear();
		ingest(store, this.clock.nanoTime(), TAG_SETS.get(0), "main", new int[] { 3, 4 }, 6);
		assertThat(query(store, Window.sinceStart()).samples()).isEqualTo(6);
		assertThat(query(store, Window.lastSeconds(1), "route:/a", "main").samples()).isEqualTo(6);
		assertThat(byPath(query(store, Window.sinceStart()).tree())).isEqualTo(byPath(treeOf((i) -> true)));
	}

	@Test
	void prunedQueriesKeepTheTotal() {
		ProfileStore store = storeWithRandomSamples(16, 2);
		QueryResult result = store.query(new ProfileQuery(Window.sinceStart(), TagFilter.NONE, null, 2, 10));
		assertInvariants(result.tree());
		assertThat(result.samples()).isEqualTo(store.totalWeight());
		for (int node = 1; node < result.tree().size(); node++) {
			assertThat(result.tree().depth(node)).isLessThanOrEqualTo(2);
			assertThat(result.tree().deep(node) * 100.0).isGreaterThanOrEqualTo(10.0 * result.samples());
		}
	}

	@Test
	void rejectsSettingsThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProfileStore(this.frames, this.tagSets, this.clock,
				Duration.ZERO, Duration.ofSeconds(10), 1000));
		assertThatIllegalArgumentException().isThrownBy(() -> new ProfileStore(this.frames, this.tagSets, this.clock,
				Duration.ofSeconds(2), Duration.ofSeconds(1), 1000));
		assertThatIllegalArgumentException().isThrownBy(() -> new ProfileStore(this.frames, this.tagSets, this.clock,
				Duration.ofSeconds(1), Duration.ofSeconds(10), 15));
	}

}
