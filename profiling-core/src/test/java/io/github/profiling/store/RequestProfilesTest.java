package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.Sample;
import io.github.profiling.testing.ManualClock;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.profiling.testing.ManualClock.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class RequestProfilesTest {

	private static final long MILLIS = 1_000_000L;

	// Requests are ranked per minute of the wall clock: each test starts a second into a
	// minute, so that its requests share one unless it moves the clock by minutes.
	private final ManualClock clock = startOfAMinute();

	private final FrameTable frames = new FrameTable(100_000);

	private final TagSets tagSets = new TagSets(1_000);

	private final Sample sample = new Sample();

	private final int routeA = this.tagSets.intern(TagSet.of("http.route", "/a"));

	private final int routeB = this.tagSets.intern(TagSet.of("http.route", "/b"));

	private int nextRequestId = 1;

	private static ManualClock startOfAMinute() {
		ManualClock clock = new ManualClock(1_000 * SECOND);
		java.time.Instant wall = clock.toInstant(clock.nanoTime());
		long intoMinute = (wall.getEpochSecond() % 60) * SECOND + wall.getNano();
		clock.advance(61 * SECOND - intoMinute);
		return clock;
	}

	private RequestProfiles newProfiles(RequestProfiles.Settings settings) {
		RequestProfiles profiles = new RequestProfiles(this.frames, this.tagSets, this.clock, Duration.ofMinutes(10),
				settings);
		profiles.startRecording(new Recording("jdk", "cpu", Duration.ofMillis(10), "samples"));
		return profiles;
	}

	private void sample(RequestProfiles profiles, int requestId, int tagSetId, String... stack) {
		int[] ids = new int[stack.length];
		for (int i = 0; i < stack.length; i++) {
			ids[i] = this.frames.intern(stack[i]);
		}
		this.sample.set(7, "exec-1", this.clock.nanoTime(), ids, 1, tagSetId);
		this.sample.requestId = requestId;
		profiles.accept(this.sample);
	}

	/**
	 * Runs a request of route {@code tagSetId}: {@code work} samples in the handler, plus
	 * {@code extra} in an extra method, over {@code millis}.
	 */
	private int request(RequestProfiles profiles, int tagSetId, int work, int extra, long millis) {
		int id = this.nextRequestId++;
		long start = this.clock.nanoTime();
		for (int i = 0; i < work; i++) {
			sample(profiles, id, tagSetId, "Thread.run", "Controller.handle", "Controller.work");
		}
		for (int i = 0; i < extra; i++) {
			sample(profiles, id, tagSetId, "Thread.run", "Controller.handle", "Controller.extra");
		}
		this.clock.advance(millis * MILLIS);
		profiles.requestEnded(id, tagSetId, start, this.clock.nanoTime());
		return id;
	}

	@Test
	void keepsTheSlowestRequestsOfEachRouteWithTheirOwnSamplesOnly() {
		RequestProfiles profiles = newProfiles(new RequestProfiles.Settings(3, Duration.ZERO, 100, 10_000, 1_000));
		List<Integer> slow = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			boolean isSlow = i % 10 == 9;
			int id = request(profiles, this.routeA, 2, isSlow ? 20 : 0, isSlow ? 100 + i : 10 + i % 3);
			if (isSlow) {
				slow.add(id);
			}
			request(profiles, this.routeB, 1, 0, 5);
		}
		List<RequestProfiles.Request> kept = profiles.requests(TagFilter.parse(List.of("http.route:/a")),
				Window.sinceStart(), 100);
		assertThat(kept).hasSize(3);
		assertThat(kept).extracting(RequestProfiles.Request::id)
			.containsExactly(String.valueOf(slow.get(2)), String.valueOf(slow.get(1)), String.valueOf(slow.get(0)));
		assertThat(kept.get(0).durationMillis()).isEqualTo(129.0);
		for (RequestProfiles.Request request : kept) {
			RequestProfiles.RequestTree tree = profiles.tree(request.id(), ProfileQuery.all());
			assertThat(tree.result().samples()).isEqualTo(22);
			assertThat(request.samples()).isEqualTo(22);
			assertThat(request.complete()).isTrue();
			assertThat(heaviestLeafUnderHandler(tree.result())).isEqualTo("Controller.extra");
		}
		assertThat(profiles.requests(TagFilter.parse(List.of("http.route:/b")), Window.sinceStart(), 100)).hasSize(3);
		assertThat(profiles.keptRequests()).isEqualTo(6);
	}

	@Test
	void samplesThatArriveAfterTheRequestEndedJoinItsTree() {
		RequestProfiles profiles = newProfiles(new RequestProfiles.Settings(1, Duration.ZERO, 100, 10_000, 1_000));
		int id = this.nextRequestId++;
		long start = this.clock.nanoTime();
		sample(profiles, id, this.routeA, "Thread.run", "Controller.handle", "Controller.work");
		this.clock.advance(50 * MILLIS);
		long end = this.clock.nanoTime();
		// Another request's samples interleave; then the late samples of the first.
		sample(profiles, id + 1, this.routeA, "Thread.run", "Controller.handle", "Other.work");
		assertThat(profiles.requestEnded(id, this.routeA, start, end)).isTrue();
		sample(profiles, id, this.routeA, "Thread.run", "Controller.handle", "Controller.extra");
		sample(profiles, id, this.routeA, "Thread.run", "Controller.handle", "Controller.extra");
		RequestProfiles.RequestTree tree = profiles.tree(String.valueOf(id), ProfileQuery.all());
		assertThat(tree.result().samples()).isEqualTo(3);
		assertThat(heaviestLeafUnderHandler(tree.result())).isEqualTo("Controller.extra");
		assertThat(tree.result().from()).isEqualTo(this.clock.toInstant(start));
		assertThat(tree.result().to()).isEqualTo(this.clock.toInstant(end));
	}

	@Test
	void aRequestWhoseWaitingSamplesWereOverwrittenIsMarkedIncomplete() {
		RequestProfiles profiles = newProfiles(new RequestProfiles.Settings(5, Duration.ZERO, 100, 10_000, 8));
		int id = this.nextRequestId++;
		long start = this.clock.nanoTime();
		for (int i = 0; i < 20; i++) {
			this.clock.advance(MILLIS);
			sample(profiles, id, this.routeA, "Thread.run", "Controller.handle", "Controller.work");
		}
		profiles.requestEnded(id, this.routeA, start, this.clock.nanoTime());
		RequestProfiles.Request request = profiles.requests(TagFilter.NONE, Window.sinceStart(), 10).get(0);
		assertThat(request.samples()).isEqualTo(8);
		assertThat(request.complete()).isFalse();
		assertThat(profiles.overwrittenSamples()).isEqualTo(12);
	}

	@Test
	void requestsFasterThanTheMinimumDurationAreNotKept() {
		RequestProfiles profiles = newProfiles(
				new RequestProfiles.Settings(10, Duration.ofMillis(50), 100, 10_000, 1_000));
		request(profiles, this.routeA, 1, 0, 49);
		int slow = request(profiles, this.routeA, 1, 0, 50);
		assertThat(profiles.requests(TagFilter.NONE, Window.sinceStart(), 10)).extracting(RequestProfiles.Request::id)
			.containsExactly(String.valueOf(slow));
	}

	@Test
	void eachMinuteKeepsItsOwnSlowestAndMinutesBeyondTheRetentionAreDropped() {
		RequestProfiles profiles = new RequestProfiles(this.frames, this.tagSets, this.clock, Duration.ofMinutes(2),
				new RequestProfiles.Settings(2, Duration.ZERO, 100, 10_000, 1_000));
		for (int minute = 0; minute < 4; minute++) {
			for (int i = 0; i < 5; i++) {
				request(profiles, this.routeA, 1, 0, 10 + i);
			}
			this.clock.advance(60 * SECOND);
		}
		// Two minutes of retention: the last two minutes' two slowest each.
		assertThat(profiles.keptRequests()).isEqualTo(4);
		assertThat(profiles.requests(TagFilter.NONE, Window.lastSeconds(60), 10)).isEmpty();
		assertThat(profiles.requests(TagFilter.NONE, Window.lastSeconds(120), 10)).hasSize(2);
	}

	@Test
	void manyRequestsKeepAtMostTheConfiguredTreesAndTheBytesAreReported() {
		RequestProfiles.Settings settings = new RequestProfiles.Settings(10, Duration.ZERO, 50, 10_000, 4_096);
		RequestProfiles profiles = newProfiles(settings);
		int[] routes = new int[20];
		for (int r = 0; r < routes.length; r++) {
			routes[r] = this.tagSets.intern(TagSet.of("http.route", "/r" + r));
		}
		long before = profiles.retainedBytes();
		// 100 000 requests over one minute, on 20 routes.
		for (int i = 0; i < 100_000; i++) {
			int id = this.nextRequestId++;
			long start = this.clock.nanoTime();
			sample(profiles, id, routes[i % routes.length], "Thread.run", "Controller.handle", "Work.m" + (i % 97));
			this.clock.advance(500_000);
			profiles.requestEnded(id, routes[i % routes.length], start, start + (i % 1_000) * MILLIS);
			assertThat(profiles.keptRequests()).isLessThanOrEqualTo(settings.maxRequests());
			assertThat(profiles.nodes()).isLessThanOrEqualTo(settings.maxNodes());
		}
		assertThat(profiles.keptRequests()).isEqualTo(settings.maxRequests());
		long bytes = profiles.retainedBytes();
		assertThat(bytes).isGreaterThan(before);
		// The ring, the paths and 50 small trees: well under a megabyte.
		assertThat(bytes).isLessThan(1_000_000);
	}

	@Test
	void thePathBoundMakesWaitingSamplesThenKeptRequestsGiveWay() {
		RequestProfiles profiles = newProfiles(new RequestProfiles.Settings(100, Duration.ZERO, 1_000, 64, 1_000));
		for (int i = 0; i < 200; i++) {
			int id = this.nextRequestId++;
			long start = this.clock.nanoTime();
			sample(profiles, id, this.routeA, "Thread.run", "Controller.handle", "Distinct.m" + i, "Leaf.x" + i);
			this.clock.advance(MILLIS);
			profiles.requestEnded(id, this.routeA, start, this.clock.nanoTime());
			assertThat(profiles.nodes()).isLessThanOrEqualTo(64);
		}
		List<RequestProfiles.Request> kept = profiles.requests(TagFilter.NONE, Window.sinceStart(), 1_000);
		assertThat(kept).isNotEmpty().hasSizeLessThan(200);
		// Every tree that is kept is whole: its one sample, on its own path.
		for (RequestProfiles.Request request : kept) {
			QueryResult result = profiles.tree(request.id(), ProfileQuery.all()).result();
			assertThat(result.samples()).isEqualTo(1);
			assertThat(leafOf(result)).startsWith("Leaf.x");
		}
	}

	@Test
	void unknownIdsAndResetLeaveNothing() {
		RequestProfiles profiles = newProfiles(RequestProfiles.Settings.defaults());
		int id = request(profiles, this.routeA, 3, 0, 10);
		assertThat(profiles.tree("nope", ProfileQuery.all())).isNull();
		assertThat(profiles.tree("0", ProfileQuery.all())).isNull();
		assertThat(profiles.tree(String.valueOf(id + 1), ProfileQuery.all())).isNull();
		assertThat(profiles.tree(String.valueOf(id), ProfileQuery.all())).isNotNull();
		profiles.reset();
		assertThat(profiles.tree(String.valueOf(id), ProfileQuery.all())).isNull();
		assertThat(profiles.keptRequests()).isZero();
		assertThat(profiles.nodes()).isLessThanOrEqualTo(2);
	}

	@Test
	void samplesOfNoRequestAreIgnoredAndZeroSlowestKeepsNothing() {
		RequestProfiles profiles = newProfiles(new RequestProfiles.Settings(0, Duration.ZERO, 100, 10_000, 100));
		request(profiles, this.routeA, 3, 0, 10);
		assertThat(profiles.keptRequests()).isZero();
		RequestProfiles enabled = newProfiles(RequestProfiles.Settings.defaults());
		sample(enabled, 0, this.routeA, "Thread.run", "Idle.loop");
		assertThat(enabled.nodes()).isLessThanOrEqualTo(2);
	}

	/** The heaviest child of {@code Controller.handle}. */
	private String heaviestLeafUnderHandler(QueryResult result) {
		CallTree tree = result.tree();
		int handler = find(tree, CallTree.ROOT, "Controller.handle");
		int heaviest = CallTree.NONE;
		for (int child = tree.firstChild(handler); child != CallTree.NONE; child = tree.nextSibling(child)) {
			if (heaviest == CallTree.NONE || tree.deep(child) > tree.deep(heaviest)) {
				heaviest = child;
			}
		}
		return this.frames.name(tree.frame(heaviest));
	}

	private String leafOf(QueryResult result) {
		CallTree tree = result.tree();
		int node = CallTree.ROOT;
		while (tree.firstChild(node) != CallTree.NONE) {
			node = tree.firstChild(node);
		}
		return this.frames.name(tree.frame(node));
	}

	private int find(CallTree tree, int from, String name) {
		for (int child = tree.firstChild(from); child != CallTree.NONE; child = tree.nextSibling(child)) {
			if (name.equals(this.frames.name(tree.frame(child)))) {
				return child;
			}
			int below = find(tree, child, name);
			if (below != CallTree.NONE) {
				return below;
			}
		}
		return CallTree.NONE;
	}

}
