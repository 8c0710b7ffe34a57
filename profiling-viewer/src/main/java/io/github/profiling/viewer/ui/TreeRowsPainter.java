package io.github.profiling.viewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.profiling.viewer.model.CallNode;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.Column;
import io.github.profiling.viewer.model.Measure;
import io.github.profiling.viewer.model.TreeRow;
import io.github.profiling.viewer.model.TreeNavigation;
import io.github.profiling.viewer.model.ViewMode;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the rows of the tree: indentation and fold markers, the numbers of each column,
 * the focused row inverted, search matches highlighted and percentages coloured by heat.
 */
final class TreeRowsPainter {

	private static final int INDENT_PER_LEVEL = 2;

	private static final AttributedStyle SEARCH_MATCH = AttributedStyle.DEFAULT.background(AttributedStyle.YELLOW)
		.foreground(AttributedStyle.BLACK);

	List<AttributedString> rows(ViewerController viewer, int width, int bodyHeight) {
		TreeNavigation view = viewer.view();
		List<TreeRow> rows = view.rows();
		List<AttributedString> lines = new ArrayList<>(bodyHeight);
		if (rows.isEmpty()) {
			lines.add(Lines.plain(view.tree() == null ? "" : " (no samples in this window)", width));
		}
		int focus = view.focusIndex();
		List<Column> columns = view.columns();
		int functionWidth = TableLayout.functionWidth(columns, width);
		int indentShift = indentShift(view, functionWidth);
		TreeDocument shown = view.shownTree();
		for (int i = view.scrollTop(); i < rows.size() && lines.size() < bodyHeight; i++) {
			lines.add(row(viewer, rows.get(i), i == focus, shown, columns, functionWidth, indentShift, width));
		}
		while (lines.size() < bodyHeight) {
			lines.add(AttributedString.EMPTY);
		}
		return lines;
	}

	private AttributedString row(ViewerController viewer, TreeRow row, boolean focused, TreeDocument shown,
			List<Column> columns, int functionWidth, int indentShift, int width) {
		AttributedStyle base = focused ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT;
		AttributedStringBuilder line = new AttributedStringBuilder();
		functionCell(viewer, row, base, functionWidth, indentShift, line);
		long total = shown.totalWeight();
		boolean tracing = shown.tracing();
		for (Column column : columns) {
			if (column == Column.FUNCTION) {
				continue;
			}
			line.style(base).append(" ");
			String text = Formats.right(cell(column, row.node(), tracing, total), TableLayout.width(column));
			AttributedStyle style = switch (column) {
				case OWN_PERCENT -> heat(base, Measure.percent(Measure.own(row.node(), tracing), total));
				case DEEP_PERCENT -> heat(base, Measure.percent(Measure.deep(row.node(), tracing), total));
				case DELTA -> change(base, row.node().deltaPercent());
				default -> base;
			};
			line.style(style).append(text);
		}
		return Lines.fit(line.toAttributedString(), width);
	}

	private void functionCell(ViewerController viewer, TreeRow row, AttributedStyle base, int functionWidth,
			int indentShift, AttributedStringBuilder line) {
		boolean nested = viewer.view().mode() == ViewMode.NESTED;
		int indent = nested ? Math.max(0, row.depth() * INDENT_PER_LEVEL - indentShift) : 0;
		indent = Math.min(indent, Math.max(0, functionWidth - 12));
		String marker = !nested || !row.foldable() ? "  " : row.unfolded() ? "- " : "+ ";
		String prefix = " " + " ".repeat(indent) + marker;
		String name = Formats.tail(row.node().name(), Math.max(1, functionWidth - prefix.length()));
		line.style(base).append(prefix);
		if (viewer.view().matchesSearch(row)) {
			appendHighlighted(name, viewer.view().searchQuery(), base, line);
		}
		else {
			line.style(base).append(name);
		}
		line.style(base).append(" ".repeat(Math.max(0, functionWidth - prefix.length() - name.length())));
	}

	private static void appendHighlighted(String name, String query, AttributedStyle base,
			AttributedStringBuilder line) {
		String lowerName = name.toLowerCase(Locale.ROOT);
		String lowerQuery = query.toLowerCase(Locale.ROOT);
		int from = 0;
		int at;
		while ((at = lowerName.indexOf(lowerQuery, from)) >= 0) {
			line.style(base).append(name, from, at);
			line.style(SEARCH_MATCH).append(name, at, at + query.length());
			from = at + query.length();
		}
		line.style(base).append(name, from, name.length());
	}

	private static String cell(Column column, CallNode node, boolean tracing, long total) {
		return switch (column) {
			case FUNCTION -> node.name();
			case CALLS -> Long.toString(node.calls());
			case OWN -> tracing ? Formats.nanos(node.ownNanos()) : Long.toString(node.own());
			case DEEP -> tracing ? Formats.nanos(node.deepNanos()) : Long.toString(node.deep());
			case OWN_PER_CALL -> Formats.nanos(Measure.perCall(node.ownNanos(), node.calls()));
			case DEEP_PER_CALL -> Formats.nanos(Measure.perCall(node.deepNanos(), node.calls()));
			case OWN_PERCENT -> Formats.percent(Measure.percent(Measure.own(node, tracing), total));
			case DEEP_PERCENT -> Formats.percent(Measure.percent(Measure.deep(node, tracing), total));
			case DELTA -> Formats.change(node.deltaPercent());
		};
	}

	/**
	 * A change of share coloured as the differential flame graph is: red where it grew,
	 * blue where it shrank by at least a tenth of a point.
	 */
	static AttributedStyle change(AttributedStyle base, double delta) {
		if (delta >= 0.1) {
			return base.foreground(AttributedStyle.RED);
		}
		if (delta <= -0.1) {
			return base.foreground(AttributedStyle.BLUE);
		}
		return base;
	}

	/**
	 * Percentages coloured by heat, as in the original viewer: above 10, 30, 70 and 90 %.
	 */
	static AttributedStyle heat(AttributedStyle base, double percent) {
		if (percent > 90) {
			return base.foreground(AttributedStyle.RED).bold();
		}
		if (percent > 70) {
			return base.foreground(AttributedStyle.RED);
		}
		if (percent > 30) {
			return base.foreground(AttributedStyle.YELLOW);
		}
		if (percent > 10) {
			return base.foreground(AttributedStyle.GREEN);
		}
		return base;
	}

	/**
	 * How far deep rows are shifted left, so that the focused row's indentation stays
	 * within the first half of the function column however deep the stack is.
	 */
	private static int indentShift(TreeNavigation view, int functionWidth) {
		TreeRow focused = view.focusedRow();
		if (focused == null || view.mode() != ViewMode.NESTED) {
			return 0;
		}
		return Math.max(0, focused.depth() * INDENT_PER_LEVEL - functionWidth / 2);
	}

}
