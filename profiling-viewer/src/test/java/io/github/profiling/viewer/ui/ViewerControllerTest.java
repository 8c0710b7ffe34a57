package io.github.profiling.viewer.ui;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.Column;
import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TagSummary;
import io.github.profiling.viewer.model.ViewMode;
import io.github.profiling.viewer.source.ConnectionStatus;
import io.github.profiling.viewer.source.TagChooser;
import io.github.profiling.viewer.testing.FakeKeptRequests;
import io.github.profiling.viewer.testing.FakeProfilingServer;
import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.Test;

class ViewerControllerTest {

	private final MutableClock clock = new MutableClock();

	private final FakeTagChooser tags = new FakeTagChooser();

	private final List<TreeDocument> recorded = new ArrayList<>();

	private final FakeKeptRequests requests = new FakeKeptRequests();

	private final ViewerController viewer = new ViewerController("http://127.0.0.1:1/actuator/profiling", tags,
			requests, recorded::add, Runnable::run, clock);

	@Test
	void arrowsAndVimAndWasdKeysMoveTheFocus() {
		viewer.onTree(TestTrees.factorial());
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiplyToLen");

		press(Key.UP);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		press('k');
		press('w');
		assertThat(focused()).isEqualTo("java.lang.Thread.run");
		press(Key.DOWN);
		press('j');
		press('s');
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiplyToLen");
		press(Key.HOME);
		assertThat(focused()).isEqualTo("all");
		press(Key.END);
		assertThat(focused()).isEqualTo("gc");
	}

	@Test
	void leftFoldsThenGoesToTheParent() {
		viewer.onTree(TestTrees.factorial());
		press(Key.UP); // multiply, unfolded

		press(Key.LEFT);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		assertThat(names()).doesNotContain("java.math.BigInteger.multiplyToLen");
		press('h');
		assertThat(focused()).isEqualTo("app.Controller.factorial");
		press('a');
		assertThat(names()).doesNotContain("java.math.BigInteger.multiply");
	}

	@Test
	void rightUnfoldsThenGoesToTheHeaviestChild() {
		viewer.onTree(TestTrees.factorial());
		press(Key.END); // gc is a leaf: nothing to do
		press(Key.RIGHT);
		assertThat(focused()).isEqualTo("gc");
		press(Key.HOME);
		press(Key.DOWN);
		press(Key.DOWN); // Controller.factorial, unfolded
		assertThat(focused()).isEqualTo("app.Controller.factorial");
		press('h'); // fold it

		press(Key.RIGHT);
		assertThat(names()).contains("java.math.BigInteger.multiply");
		assertThat(focused()).isEqualTo("app.Controller.factorial");
		press('l');
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		press('d');
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiplyToLen");
	}

	@Test
	void anyKeyStopsFollowingTheHotPath() {
		viewer.onTree(TestTrees.sampling(node("idle", 50), node("busy", 0, node("work", 40))));
		assertThat(focused()).isEqualTo("idle");

		press(']');
		viewer.onTree(TestTrees.sampling(node("idle", 5), node("busy", 0, node("work", 40))));

		assertThat(focused()).isEqualTo("idle");
		assertThat(names()).doesNotContain("work");
	}

	@Test
	void enterTogglesTheFold() {
		viewer.onTree(TestTrees.factorial());
		press(Key.HOME);

		press(Key.ENTER);
		assertThat(names()).containsExactly("all");
		press(Key.ENTER);
		assertThat(names()).contains("java.lang.Thread.run", "gc");
	}

	@Test
	void escapeGoesBackToTheRootAndGreaterThanOpensTheHotPath() {
		viewer.onTree(TestTrees.factorial());
		press(Key.HOME);
		press(Key.ENTER); // fold everything under the root

		press('>');
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiplyToLen");

		press(Key.ESCAPE);
		assertThat(focused()).isEqualTo("all");
		assertThat(viewer.view().scrollTop()).isZero();
	}

	@Test
	void bracketsChangeTheSortColumn() {
		viewer.onTree(TestTrees.factorial());

		press(']');
		assertThat(viewer.view().sortColumn()).isEqualTo(Column.DEEP_PERCENT);
		press('[');
		press('[');
		assertThat(viewer.view().sortColumn()).isEqualTo(Column.OWN_PERCENT);
	}

	@Test
	void backslashSwitchesBetweenNestedAndFlat() {
		viewer.onTree(TestTrees.factorial());

		press('\\');
		assertThat(viewer.view().mode()).isEqualTo(ViewMode.FLAT);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		press('>');
		assertThat(viewer.notice()).contains("nested view");
		press('\\');
		assertThat(viewer.view().mode()).isEqualTo(ViewMode.NESTED);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiplyToLen");
	}

	@Test
	void spacePausesSoTheScreenStaysFrozenWhileTreesKeepArriving() {
		TreeDocument first = TestTrees.factorial();
		viewer.onTree(first);
		clock.advance(Duration.ofSeconds(2));

		press(' ');
		assertThat(viewer.paused()).isTrue();
		TreeDocument second = TestTrees.sampling(node("other", 5));
		viewer.onTree(second);
		clock.advance(Duration.ofSeconds(5));

		assertThat(viewer.view().tree()).isSameAs(first);
		assertThat(viewer.age()).isEqualTo(Duration.ofSeconds(2));
		assertThat(recorded).containsExactly(first);

		press(' ');
		assertThat(viewer.paused()).isFalse();
		assertThat(viewer.view().tree()).isSameAs(second);
		assertThat(recorded).containsExactly(first, second);
		assertThat(viewer.age()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void slashSearchesAndNFindsTheNextMatch() {
		viewer.onTree(TestTrees.factorial());
		press(Key.ESCAPE);

		press('/');
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.SEARCH);
		type("bigintegerX");
		press(Key.BACKSPACE);
		assertThat(viewer.searchInput()).isEqualTo("biginteger");
		press(Key.ENTER);

		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.BROWSE);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		assertThat(viewer.notice()).contains("match 1 of 2");
		press('n');
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiplyToLen");
		press('N');
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
	}

	@Test
	void escapeCancelsASearchAndTheNextKeyClearsTheNotice() {
		viewer.onTree(TestTrees.factorial());
		press('/');
		type("q");
		press(Key.ESCAPE);

		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.BROWSE);
		assertThat(viewer.quitRequested()).isFalse();
		press('n');
		assertThat(viewer.notice()).contains("press / first");
		press(Key.DOWN);
		assertThat(viewer.notice()).isNull();
	}

	@Test
	void tPicksATagAndReconnectsWithIt() {
		viewer.onTree(TestTrees.factorial());

		press('t');
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.TAG_PICKER);
		assertThat(viewer.tagPicker().loading()).isFalse();
		assertThat(viewer.tagPicker().choices()).hasSize(2);
		press(Key.DOWN);
		press(Key.DOWN);
		press(Key.ENTER);

		assertThat(tags.used).containsExactly(List.of(new Tag("http.route", "/health")));
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.BROWSE);
		assertThat(viewer.currentTags()).containsExactly(new Tag("http.route", "/health"));

		press('t');
		assertThat(viewer.tagPicker().selected()).isEqualTo(2);
		press('k');
		press('k');
		press(Key.ENTER);
		assertThat(tags.used).last().isEqualTo(List.of());
	}

	@Test
	void escapeClosesTheTagPickerWithoutChangingTheTags() {
		viewer.onTree(TestTrees.factorial());
		press('t');
		press(Key.DOWN);

		press(Key.ESCAPE);

		assertThat(viewer.tagPicker()).isNull();
		assertThat(tags.used).isEmpty();
	}

	@Test
	void aFileHasNoTagsToPick() {
		ViewerController offline = new ViewerController("tree.json", null, null, null, Runnable::run, clock);
		offline.onStatus(ConnectionStatus.OFFLINE, null);
		offline.onTree(TestTrees.factorial());

		offline.onKey(Key.of('t'));

		assertThat(offline.tagPicker()).isNull();
		assertThat(offline.notice()).contains("live server");
	}

	@Test
	void aFailedTagListingIsReported() {
		tags.failure = new IllegalStateException("HTTP 403 forbidden");
		viewer.onTree(TestTrees.factorial());

		press('t');

		assertThat(viewer.tagPicker()).isNull();
		assertThat(viewer.notice()).contains("could not list the tags").contains("HTTP 403 forbidden");
	}

	@Test
	void rListsTheSlowRequestsSlowestFirstAndEnterOpensOneFrozen() {
		viewer.onTree(TestTrees.factorial());

		press('r');
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.REQUEST_LIST);
		assertThat(viewer.requestList().loading()).isFalse();
		assertThat(viewer.requestList().requests()).extracting(request -> request.durationMillis())
			.containsExactly(412.7, 230.1, 12.5);
		press(Key.DOWN);
		press('k');
		press(Key.ENTER);

		assertThat(requests.opened).containsExactly("1842");
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.BROWSE);
		assertThat(viewer.requestList()).isNull();
		assertThat(viewer.openRequest().request().id()).isEqualTo("1842");
		assertThat(viewer.view().tree()).isSameAs(viewer.openRequest().tree());
		// it opens on the request's own hot path
		assertThat(focused()).isEqualTo("java.net.SocketInputStream.read");

		viewer.onTree(TestTrees.sampling(node("newer", 7)));
		assertThat(viewer.view().tree()).isSameAs(viewer.openRequest().tree());
		assertThat(recorded).hasSize(1);
	}

	@Test
	void escapeOrRGoesBackToTheLiveViewAsItWasLeft() {
		viewer.onTree(TestTrees.factorial());
		press(Key.UP);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		openRequest1842();
		TreeDocument newer = TestTrees.sampling(node("java.lang.Thread.run", 0,
				node("app.Controller.factorial", 5, node("java.math.BigInteger.multiply", 9))));
		viewer.onTree(newer);

		press(Key.ESCAPE);

		assertThat(viewer.openRequest()).isNull();
		assertThat(viewer.view().tree()).isSameAs(newer);
		assertThat(focused()).isEqualTo("java.math.BigInteger.multiply");
		assertThat(recorded).last().isSameAs(newer);

		openRequest1842();
		press('r');
		assertThat(viewer.openRequest()).isNull();
		assertThat(viewer.view().tree()).isSameAs(newer);
	}

	@Test
	void aRequestsTreeCannotBePausedAndLeavingItKeepsAPauseFromBefore() {
		TreeDocument first = TestTrees.factorial();
		viewer.onTree(first);
		press(' ');
		openRequest1842();

		press(' ');
		assertThat(viewer.notice()).contains("does not change");
		assertThat(viewer.paused()).isTrue();
		viewer.onTree(TestTrees.sampling(node("newer", 7)));
		press(Key.ESCAPE);

		assertThat(viewer.view().tree()).isSameAs(first);
		press(' ');
		assertThat(viewer.view().tree().root().child("newer")).isNotNull();
	}

	@Test
	void aRequestNoLongerKeptIsReportedAndTheListStaysOpen() {
		viewer.onTree(TestTrees.factorial());
		press('r');
		press(Key.END);

		press(Key.ENTER);

		assertThat(requests.opened).containsExactly("77");
		assertThat(viewer.openRequest()).isNull();
		assertThat(viewer.notice())
			.isEqualTo("request 77: no longer kept by the server (HTTP 404: no request 77 is kept)");
		assertThat(viewer.requestList()).isNotNull();
		press('q');
		assertThat(viewer.requestList()).isNull();
		assertThat(viewer.quitRequested()).isFalse();
	}

	@Test
	void aRequestsTreeThatArrivesAfterTheListWasClosedIsNotShown() {
		TreeDocument live = TestTrees.factorial();
		viewer.onTree(live);
		requests.lateTree = new CompletableFuture<>();
		press('r');
		press(Key.ENTER);
		assertThat(viewer.notice()).isEqualTo("opening request 1842...");

		press(Key.ESCAPE);
		requests.lateTree.complete(RequestTree.parse(FakeProfilingServer.REQUEST_1842_TREE_JSON));

		assertThat(viewer.openRequest()).isNull();
		assertThat(viewer.view().tree()).isSameAs(live);
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.BROWSE);
	}

	@Test
	void aFailedRequestListingIsReported() {
		requests.listFailure = new IllegalStateException("HTTP 400: seconds must be at most 300 (parameter seconds)");
		viewer.onTree(TestTrees.factorial());

		press('r');

		assertThat(viewer.requestList()).isNull();
		assertThat(viewer.inputMode()).isEqualTo(ViewerController.InputMode.BROWSE);
		assertThat(viewer.notice())
			.isEqualTo("could not list the slow requests: HTTP 400: seconds must be at most 300 (parameter seconds)");
	}

	@Test
	void aFileKeepsNoSlowRequests() {
		ViewerController offline = new ViewerController("tree.json", null, null, null, Runnable::run, clock);
		offline.onStatus(ConnectionStatus.OFFLINE, null);
		offline.onTree(TestTrees.factorial());

		offline.onKey(Key.of('r'));

		assertThat(offline.requestList()).isNull();
		assertThat(offline.openRequest()).isNull();
		assertThat(offline.notice()).isEqualTo("slow requests need a live server");
	}

	@Test
	void qAndCtrlCQuit() {
		press('q');
		assertThat(viewer.quitRequested()).isTrue();

		ViewerController other = new ViewerController("x", null, null, null, Runnable::run, clock);
		other.onKey(Key.of('/'));
		other.onKey(Key.INTERRUPT);
		assertThat(other.quitRequested()).isTrue();
	}

	@Test
	void connectionProblemsStayUntilTheStreamIsBack() {
		viewer.onStatus(ConnectionStatus.DISCONNECTED, "connection refused; retrying every 1s");
		press(Key.DOWN);
		assertThat(viewer.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
		assertThat(viewer.connectionMessage()).isEqualTo("connection refused; retrying every 1s");

		viewer.onStatus(ConnectionStatus.CONNECTED, null);

		assertThat(viewer.status()).isEqualTo(ConnectionStatus.CONNECTED);
		assertThat(viewer.connectionMessage()).isNull();
	}

	private void openRequest1842() {
		press('r');
		press(Key.ENTER);
		assertThat(viewer.openRequest().request().id()).isEqualTo("1842");
	}

	private void press(Key key) {
		viewer.onKey(key);
	}

	private void press(char character) {
		viewer.onKey(Key.of(character));
	}

	private void type(String text) {
		text.chars().forEach(c -> press((char) c));
	}

	private String focused() {
		return viewer.view().focusedRow().node().name();
	}

	private List<String> names() {
		return viewer.view().rows().stream().map(row -> row.node().name()).toList();
	}

	/** The server's tags, answered at once. */
	private static final class FakeTagChooser implements TagChooser {

		final List<List<Tag>> used = new ArrayList<>();

		RuntimeException failure;

		private List<Tag> current = List.of();

		@Override
		public CompletableFuture<List<TagSummary>> fetchTags() {
			if (failure != null) {
				return CompletableFuture.failedFuture(failure);
			}
			return CompletableFuture
				.completedFuture(List.of(new TagSummary(List.of(new Tag("http.route", "/{n}")), 900, 87.5),
						new TagSummary(List.of(new Tag("http.route", "/health")), 128, 12.5)));
		}

		@Override
		public void useTags(List<Tag> tags) {
			used.add(tags);
			current = tags;
		}

		@Override
		public List<Tag> currentTags() {
			return current;
		}

	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-30T09:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
