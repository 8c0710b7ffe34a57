package io.github.profiling.viewer.model;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A column of the viewer's table. Sampling trees show FUNCTION, OWN, %, DEEP, %; tracing
 * trees show FUNCTION, CALLS, OWN, /CALL, %, DEEP, /CALL, % — the same columns as the
 * original viewer. A comparison of two profiles adds DELTA: the change of DEEP's share
 * against the base, in percentage points.
 */
public enum Column {

	FUNCTION("FUNCTION"), CALLS("CALLS"), OWN("OWN"), OWN_PER_CALL("/CALL"), OWN_PERCENT("%"), DEEP("DEEP"),
	DEEP_PER_CALL("/CALL"), DEEP_PERCENT("%"), DELTA("DELTA");

	private static final List<Column> SAMPLING = List.of(FUNCTION, OWN, OWN_PERCENT, DEEP, DEEP_PERCENT);

	private static final List<Column> TRACING = List.of(FUNCTION, CALLS, OWN, OWN_PER_CALL, OWN_PERCENT, DEEP,
			DEEP_PER_CALL, DEEP_PERCENT);

	private final String title;

	Column(String title) {
		this.title = title;
	}

	public String title() {
		return title;
	}

	private static final List<Column> COMPARED = List.of(FUNCTION, OWN, OWN_PERCENT, DEEP, DEEP_PERCENT, DELTA);

	/** The columns shown for a tree of this kind, left to right. */
	public static List<Column> forTree(boolean tracing) {
		return tracing ? TRACING : SAMPLING;
	}

	/**
	 * The columns shown for a tree of this kind, left to right; {@code compared}: a
	 * comparison of two profiles.
	 */
	public static List<Column> forTree(boolean tracing, boolean compared) {
		return (compared && !tracing) ? COMPARED : forTree(tracing);
	}

	/**
	 * The order of rows when sorted by this column: names alphabetically, numbers largest
	 * first, ties broken by DEEP and then by name so that the order is stable between
	 * refreshes.
	 */
	public Comparator<CallNode> order(boolean tracing) {
		Comparator<CallNode> byName = Comparator.comparing(CallNode::name);
		if (this == FUNCTION) {
			return byName;
		}
		ToLongFunction<CallNode> deep = node -> Measure.deep(node, tracing);
		return Comparator.comparingLong(sortKey(tracing))
			.reversed()
			.thenComparing(Comparator.comparingLong(deep).reversed())
			.thenComparing(byName);
	}

	private ToLongFunction<CallNode> sortKey(boolean tracing) {
		return switch (this) {
			case FUNCTION -> node -> 0;
			case CALLS -> CallNode::calls;
			case OWN, OWN_PERCENT -> node -> Measure.own(node, tracing);
			case DEEP, DEEP_PERCENT -> node -> Measure.deep(node, tracing);
			case OWN_PER_CALL -> node -> Measure.perCall(node.ownNanos(), node.calls());
			case DEEP_PER_CALL -> node -> Measure.perCall(node.deepNanos(), node.calls());
			// The largest growth first; in hundredths of a point, as the diff's shares
			// are.
			case DELTA -> node -> node.compared() ? Math.round(node.deltaPercent() * 10_000) : Long.MIN_VALUE;
		};
	}

}
