package io.github.profiling.viewer.model;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.Test;

class TreeNavigationTest {

	private final TreeNavigation view = new TreeNavigation();

	@Test
	void theFirstTreeOpensWithItsHotPathUnfoldedAndFocused() {
		view.show(TestTrees.factorial());

		assertThat(names()).containsExactly("all", "java.lang.Thread.run", "app.Controller.factorial",
				"java.math.BigInteger.multiply", "java.math.BigInteger.multiplyToLen", "app.Log.debug",
				"java.lang.Object.wait", "gc");
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");
	}

	@Test
	void followsEachNewHotPathUntilTheUserTakesOver() {
		TreeDocument waitingIsHot = TestTrees.sampling(node("java.lang.Thread.run", 0,
				node("app.Controller.factorial", 0, node("java.math.BigInteger.multiply", 3)),
				node("java.lang.Object.wait", 10)));
		view.show(waitingIsHot);
		assertThat(focusedName()).isEqualTo("java.lang.Object.wait");

		view.show(TestTrees.factorial());
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");

		view.moveFocus(-1);
		view.show(waitingIsHot);
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiply");
		assertThat(names()).contains("java.math.BigInteger.multiply");
	}

	@Test
	void anEmptyFirstTreeLeavesTheHotPathForTheFirstTreeWithCalls() {
		view.show(TestTrees.sampling());
		assertThat(names()).containsExactly("all");

		view.show(TestTrees.factorial());

		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");
	}

	@Test
	void foldingSurvivesARefresh() {
		view.show(TestTrees.factorial());
		focusOn("app.Controller.factorial");
		view.toggleFold();
		assertThat(names()).doesNotContain("java.math.BigInteger.multiply");

		view.show(TestTrees.sampling(node("java.lang.Thread.run", 0,
				node("app.Controller.factorial", 1, node("java.math.BigInteger.multiply", 7)),
				node("java.lang.Object.wait", 3))));

		assertThat(names()).containsExactly("all", "java.lang.Thread.run", "app.Controller.factorial",
				"java.lang.Object.wait");
		assertThat(focusedName()).isEqualTo("app.Controller.factorial");
	}

	@Test
	void theFocusFollowsItsNodeWhenTheOrderChanges() {
		view.show(TestTrees.factorial());
		focusOn("gc");

		// gc is now the heaviest, so it sorts first
		view.show(TestTrees.sampling(node("java.lang.Thread.run", 1), node("gc", 50)));

		assertThat(names().get(1)).isEqualTo("gc");
		assertThat(focusedName()).isEqualTo("gc");
	}

	@Test
	void aVanishedFocusRestsOnItsParentAndComesBackWithIt() {
		view.show(TestTrees.factorial());
		view.stopFollowingHotPath();
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");

		view.show(TestTrees.sampling(node("java.lang.Thread.run", 0,
				node("app.Controller.factorial", 0, node("java.math.BigInteger.multiply", 5)))));
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiply");

		view.show(TestTrees.factorial());
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");
	}

	@Test
	void theFocusKeepsItsLineOnScreenWhenRowsAppearAboveIt() {
		view.setHeight(3);
		view.show(TestTrees.factorial());
		focusOn("java.lang.Object.wait");
		int line = view.focusIndex() - view.scrollTop();

		view.show(TestTrees.sampling(node("java.lang.Thread.run", 0,
				node("app.Controller.factorial", 5,
						node("java.math.BigInteger.multiply", 60, node("java.math.BigInteger.multiplyToLen", 10),
								node("java.math.BigInteger.add", 9)),
						node("app.Log.debug", 5)),
				node("java.lang.Object.wait", 10)), node("gc", 10)));

		assertThat(focusedName()).isEqualTo("java.lang.Object.wait");
		assertThat(view.focusIndex() - view.scrollTop()).isEqualTo(line);
	}

	@Test
	void scrollingKeepsTheFocusOnScreen() {
		view.setHeight(2);
		view.show(TestTrees.factorial());

		view.backToRoot();
		assertThat(view.scrollTop()).isZero();
		view.focusLast();

		assertThat(focusedName()).isEqualTo("gc");
		assertThat(view.scrollTop()).isEqualTo(view.rows().size() - 2);
	}

	@Test
	void searchUnfoldsWhatHidesTheMatchAndCyclesThroughMatches() {
		view.show(TestTrees.factorial());
		view.backToRoot();
		view.toggleFold();
		assertThat(names()).containsExactly("all");

		SearchResult first = view.search("BIGINTEGER");

		assertThat(first).isEqualTo(new SearchResult("BIGINTEGER", 1, 2));
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiply");
		assertThat(view.matchesSearch(view.focusedRow())).isTrue();
		assertThat(view.nextMatch(1).position()).isEqualTo(2);
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");
		assertThat(view.nextMatch(1).position()).isEqualTo(1);
		assertThat(view.nextMatch(-1).position()).isEqualTo(2);
		assertThat(view.search("nothing like it").found()).isFalse();
	}

	@Test
	void theFlatViewListsEveryFunctionOnceByOwn() {
		view.show(TestTrees.factorial());

		view.toggleMode();

		assertThat(view.mode()).isEqualTo(ViewMode.FLAT);
		assertThat(view.sortColumn()).isEqualTo(Column.OWN);
		assertThat(names()).startsWith("java.math.BigInteger.multiply").hasSize(7).doesNotContain("all");
		assertThat(view.rows().get(0).node().own()).isEqualTo(60);
		assertThat(view.openHotPath()).isFalse();

		view.toggleMode();
		assertThat(focusedName()).isEqualTo("java.math.BigInteger.multiplyToLen");
	}

	@Test
	void sortColumnsCycleBothWays() {
		view.show(TestTrees.factorial());
		assertThat(view.sortColumn()).isEqualTo(Column.DEEP);

		view.cycleSort(1);
		assertThat(view.sortColumn()).isEqualTo(Column.DEEP_PERCENT);
		view.cycleSort(1);
		assertThat(view.sortColumn()).isEqualTo(Column.FUNCTION);
		view.cycleSort(-1);
		view.cycleSort(-1);
		view.cycleSort(-1);
		assertThat(view.sortColumn()).isEqualTo(Column.OWN_PERCENT);
		// sorted by own, Log.debug (5) comes after multiply (own 60) under factorial
		assertThat(names()).containsSubsequence("java.math.BigInteger.multiply", "app.Log.debug");
	}

	@Test
	void sortingByNameOrdersChildrenAlphabetically() {
		view.show(TestTrees.factorial());
		view.cycleSort(2);

		assertThat(view.sortColumn()).isEqualTo(Column.FUNCTION);
		assertThat(names()).containsExactly("all", "gc", "java.lang.Thread.run", "app.Controller.factorial",
				"app.Log.debug", "java.math.BigInteger.multiply", "java.math.BigInteger.multiplyToLen",
				"java.lang.Object.wait");
	}

	@Test
	void aTreeThousandsOfFramesDeepOpensAllTheWayDown() {
		CallNode chain = node("leaf", 1);
		for (int i = 0; i < 5000; i++) {
			chain = node("frame" + i, 0, chain);
		}

		view.show(TestTrees.sampling(chain));
		view.search("frame0");

		assertThat(view.rows()).hasSize(5002);
		assertThat(focusedName()).isEqualTo("frame0");
		assertThat(view.focusedRow().depth()).isEqualTo(5000);
	}

	private void focusOn(String name) {
		view.focusFirst();
		for (int i = 0; i < view.rows().size() && !focusedName().equals(name); i++) {
			view.moveFocus(1);
		}
		assertThat(focusedName()).isEqualTo(name);
	}

	private String focusedName() {
		return view.focusedRow().node().name();
	}

	private List<String> names() {
		return view.rows().stream().map(row -> row.node().name()).toList();
	}

}
