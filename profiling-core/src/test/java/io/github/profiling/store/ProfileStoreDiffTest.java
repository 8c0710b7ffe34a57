package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.Sample;
import io.github.profiling.testing.ManualClock;
import io.github.profiling.tree.CallTree;
import io.github.profiling.tree.DiffTree;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.github.profiling.testing.ManualClock.SECOND;
import static io.github.profiling.testing.Trees.assertInvariants;
import static io.github.profiling.testing.Trees.byPath;
import static io.github.profiling.testing.Trees.nodeAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Comparing two windows or two tag filters, and the timeline, over a store fed directly.
 */
class ProfileStoreDiffTest {

	private static final long START = 1_000 * SECOND;

	private static final TagSet ROUTE_A = TagSet.of("http.route", "/a");

	private static final TagSet ROUTE_B = TagSet.of("http.route", "/b");

	private final ManualClock clock = new ManualClock(START);

	private final FrameTable frames = new FrameTable(100_000);

	private final TagSets tagSets = new TagSets(1_000);

	private final Sample sample = new Sample();

	private final ProfileStore store = new ProfileStore(this.frames, this.tagSets, this.clock, Duration.ofSeconds(1),
			Duration.ofMinutes(5), 1_000_000);

	private final int handlerA = this.frames.intern("com.example.A.handle");

	private final int handlerB = this.frames.intern("com.example.B.handle");

	private final int parse = this.frames.intern("com.example.Parser.parse");

	private final int render = this.frames.intern("com.example.View.render");

	private void ingest(long time, TagSet tags, int[] stack, long weight) {
		this.store.accept(this.sample.set(1, "http-nio-8080-exec-1", time, stack, weight, this.tagSets.intern(tags)));
	}

	/**
	 * One second of requests to a route: each request parses (3 samples) and renders (1),
	 * with a little noise in how many samples a request takes.
	 */
	private void requests(long second, TagSet route, int handler, int count, Random random) {
		long time = START + second * SECOND;
		for (int i = 0; i < count; i++) {
			ingest(time, route, new int[] { handler, this.parse }, 2 + random.nextInt(3));
			ingest(time, route, new int[] { handler, this.render }, 1);
		}
	}

	private static ProfileQuery query(Window window, String tag) {
		TagFilter tags = (tag != null) ? TagFilter.parse(List.of(tag)) : TagFilter.NONE;
		return new ProfileQuery(window, tags, null, ProfileQuery.UNLIMITED_DEPTH, 0);
	}

	private static double percent(CallTree tree, int node) {
		return 100.0 * tree.deep(node) / tree.total();
	}

	@Test
	void whenOneRouteDoublesItsWeightDoublesAndItsShapeStays() {
		Random random = new Random(5);
		// A minute of /a and /b at 20 requests a second, then a minute of /a at 40.
		for (int second = 0; second < 120; second++) {
			this.clock.set(START + second * SECOND);
			requests(second, ROUTE_A, this.handlerA, (second < 60) ? 20 : 40, random);
			requests(second, ROUTE_B, this.handlerB, 20, random);
		}
		Window minuteBefore = Window.lastSeconds(60, 60);
		Window lastMinute = Window.lastSeconds(60);

		DiffResult all = this.store.diff(query(minuteBefore, null), query(lastMinute, null));
		DiffTree tree = all.tree();
		assertInvariants(tree.base());
		assertInvariants(tree.compared());
		// Each side is exactly what a tree of its own window holds.
		assertThat(byPath(tree.base()))
			.containsAllEntriesOf(byPath(this.store.query(query(minuteBefore, null)).tree()));
		assertThat(byPath(tree.compared()))
			.containsAllEntriesOf(byPath(this.store.query(query(lastMinute, null)).tree()));
		int a = nodeAt(tree.compared(), this.handlerA);
		int b = nodeAt(tree.compared(), this.handlerB);
		assertThat((double) tree.compared().deep(a) / tree.base().deep(a)).isCloseTo(2.0, within(0.05));
		assertThat((double) tree.compared().deep(b) / tree.base().deep(b)).isCloseTo(1.0, within(0.05));
		assertThat(all.samples()).isEqualTo(tree.compared().total());
		assertThat(all.baseSamples()).isEqualTo(tree.base().total());
		assertThat(all.from()).isEqualTo(this.clock.toInstant(START + 60 * SECOND));
		assertThat(all.baseFrom()).isEqualTo(this.clock.toInstant(START));
		assertThat(all.baseTo()).isEqualTo(all.from());

		// Within the route, normalised to each side's total, nothing changed.
		DiffTree routeA = this.store.diff(query(minuteBefore, "http.route:/a"), query(lastMinute, "http.route:/a"))
			.tree();
		assertInvariants(routeA.base());
		assertInvariants(routeA.compared());
		for (int node = 0; node < routeA.size(); node++) {
			assertThat(percent(routeA.compared(), node)).as("node %d", node)
				.isCloseTo(percent(routeA.base(), node), within(1.0));
		}
	}

	@Test
	void twoRoutesInTheSameWindowShareTheNodesOfTheirCommonFrames() {
		Random random = new Random(8);
		requests(0, ROUTE_A, this.handlerA, 10, random);
		requests(0, ROUTE_B, this.handlerB, 30, random);
		DiffResult diff = this.store.diff(query(Window.lastSeconds(10), "http.route:/a"),
				query(Window.lastSeconds(10), "http.route:/b"));
		DiffTree tree = diff.tree();

		int a = nodeAt(tree.compared(), this.handlerA);
		int b = nodeAt(tree.compared(), this.handlerB);
		assertThat(tree.compared().deep(a)).isZero();
		assertThat(tree.base().deep(a)).isEqualTo(tree.base().total());
		assertThat(tree.base().deep(b)).isZero();
		assertThat(tree.compared().deep(b)).isEqualTo(tree.compared().total());
		assertThat(diff.baseFrom()).isEqualTo(diff.from());
	}

	@Test
	void aDiffIsPrunedOnBothSidesByTheComparedQuery() {
		Random random = new Random(9);
		requests(0, ROUTE_A, this.handlerA, 10, random);
		ingest(START, ROUTE_B, new int[] { this.handlerB, this.parse }, 1);
		ProfileQuery compared = new ProfileQuery(Window.lastSeconds(10), TagFilter.NONE, null, 1, 5);
		DiffTree tree = this.store.diff(query(Window.lastSeconds(10), null), compared).tree();

		assertInvariants(tree.base());
		assertInvariants(tree.compared());
		assertThat(nodeAt(tree.compared(), this.handlerA, this.parse)).isEqualTo(CallTree.NONE);
		// Under 5 % on both sides: in the OWN of the root.
		assertThat(nodeAt(tree.compared(), this.handlerB)).isEqualTo(CallTree.NONE);
		assertThat(tree.compared().own(CallTree.ROOT)).isEqualTo(1);
		assertThat(tree.base().own(CallTree.ROOT)).isEqualTo(1);
	}

	// ---- windows with an offset ----

	@Test
	void windowsWithOffsetsTileTime() {
		for (int second = 0; second < 30; second++) {
			this.clock.set(START + second * SECOND + 300_000_000L);
			ingest(this.clock.nanoTime(), ROUTE_A, new int[] { this.handlerA }, second + 1);
		}
		// Now in bucket 29, each bucket weighs its index + 1.
		assertThat(this.store.query(query(Window.lastSeconds(10, 0), null)).samples()).isEqualTo(sum(20, 29));
		assertThat(this.store.query(query(Window.lastSeconds(10, 10), null)).samples()).isEqualTo(sum(10, 19));
		assertThat(this.store.query(query(Window.lastSeconds(5, 20), null)).samples()).isEqualTo(sum(5, 9));
		assertThat(this.store.query(query(Window.lastSeconds(100, 25), null)).samples()).isEqualTo(sum(0, 4));
		assertThat(this.store.query(query(Window.lastSeconds(10, 30), null)).samples()).isZero();
		assertThat(this.store.query(query(Window.lastSeconds(1, Long.MAX_VALUE), null)).samples()).isZero();
		QueryResult before = this.store.query(query(Window.lastSeconds(10, 10), null));
		assertThat(before.from()).isEqualTo(this.clock.toInstant(START + 10 * SECOND));
		assertThat(before.to()).isEqualTo(this.clock.toInstant(START + 20 * SECOND));
		assertThatIllegalArgumentException().isThrownBy(() -> Window.lastSeconds(10, -1));
	}

	private static long sum(int fromBucket, int toBucket) {
		long sum = 0;
		for (int bucket = fromBucket; bucket <= toBucket; bucket++) {
			sum += bucket + 1;
		}
		return sum;
	}

	// ---- timeline ----

	@Test
	void theTimelineHoldsEachTagSetsWeightPerSecond() {
		for (int second = 0; second < 10; second++) {
			this.clock.set(START + second * SECOND);
			ingest(this.clock.nanoTime(), ROUTE_A, new int[] { this.handlerA }, second);
			ingest(this.clock.nanoTime(), ROUTE_B, new int[] { this.handlerB }, 2);
		}
		Timeline timeline = this.store.timeline(query(Window.lastSeconds(10), null), 100, 10);

		assertThat(timeline.points()).isEqualTo(10);
		assertThat(timeline.stepNanos()).isEqualTo(SECOND);
		assertThat(timeline.from()).isEqualTo(this.clock.toInstant(START));
		assertThat(timeline.series()).extracting(Timeline.Series::tags).containsExactly(ROUTE_A, ROUTE_B);
		assertThat(timeline.series().get(0).points()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(timeline.series().get(1).points()).containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
		assertThat(timeline.others()).isNull();
		assertThat(timeline.samples()).isEqualTo(this.store.query(query(Window.lastSeconds(10), null)).samples());

		Timeline onlyB = this.store.timeline(query(Window.lastSeconds(10), "http.route:/b"), 100, 10);
		assertThat(onlyB.series()).extracting(Timeline.Series::tags).containsExactly(ROUTE_B);
	}

	@Test
	void theTimelineIsBoundedInStepsAndSeriesAndKeepsTheTotal() {
		Random random = new Random(3);
		for (int second = 0; second < 300; second++) {
			this.clock.set(START + second * SECOND);
			for (int route = 0; route < 30; route++) {
				ingest(this.clock.nanoTime(), TagSet.of("http.route", "/r" + route), new int[] { this.handlerA },
						1 + random.nextInt(route + 1));
			}
		}
		Timeline timeline = this.store.timeline(query(Window.lastSeconds(300), null), 100, 5);

		assertThat(timeline.points()).isEqualTo(100);
		assertThat(timeline.stepNanos()).isEqualTo(3 * SECOND);
		assertThat(timeline.series()).hasSize(5);
		assertThat(timeline.otherTagSets()).isEqualTo(25);
		assertThat(timeline.series().get(0).samples()).isGreaterThanOrEqualTo(timeline.series().get(4).samples());
		assertThat(timeline.samples()).isEqualTo(this.store.query(query(Window.lastSeconds(300), null)).samples());
		for (Timeline.Series series : timeline.series()) {
			assertThat(series.points()).hasSize(100);
		}
	}

}
