package io.github.profiling.viewer.model;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ColumnTest {

	private static final CallNode HEAVY_OWN = node("b.heavyOwn", 50);

	private static final CallNode HEAVY_DEEP = node("c.heavyDeep", 10, node("x", 60));

	private static final CallNode SMALL = node("a.small", 1);

	@Test
	void samplingAndTracingTreesShowTheOriginalsColumns() {
		assertThat(Column.forTree(false)).extracting(Column::title)
			.containsExactly("FUNCTION", "OWN", "%", "DEEP", "%");
		assertThat(Column.forTree(true)).extracting(Column::title)
			.containsExactly("FUNCTION", "CALLS", "OWN", "/CALL", "%", "DEEP", "/CALL", "%");
	}

	@Test
	void sortsNumbersLargestFirstAndNamesAlphabetically() {
		List<CallNode> nodes = List.of(SMALL, HEAVY_OWN, HEAVY_DEEP);

		assertThat(nodes.stream().sorted(Column.DEEP.order(false))).containsExactly(HEAVY_DEEP, HEAVY_OWN, SMALL);
		assertThat(nodes.stream().sorted(Column.OWN.order(false))).containsExactly(HEAVY_OWN, HEAVY_DEEP, SMALL);
		assertThat(nodes.stream().sorted(Column.FUNCTION.order(false))).containsExactly(SMALL, HEAVY_OWN, HEAVY_DEEP);
	}

	@Test
	void tracingTreesSortByCallsAndTimePerCall() {
		CallNode often = new CallNode("often", 0, 0, 100, 1_000, 1_000, List.of());
		CallNode slow = new CallNode("slow", 0, 0, 2, 900, 900, List.of());

		assertThat(List.of(slow, often).stream().sorted(Column.CALLS.order(true))).containsExactly(often, slow);
		assertThat(List.of(often, slow).stream().sorted(Column.OWN_PER_CALL.order(true))).containsExactly(slow, often);
		assertThat(List.of(slow, often).stream().sorted(Column.DEEP.order(true))).containsExactly(often, slow);
	}

	@Test
	void breaksTiesByName() {
		CallNode b = node("b", 5);
		CallNode a = node("a", 5);

		assertThat(List.of(b, a).stream().sorted(Column.OWN.order(false))).containsExactly(a, b);
	}

}
