package io.github.profiling.viewer.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.SlowRequest;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.Column;
import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TreeNavigation;
import io.github.profiling.viewer.model.ViewMode;
import io.github.profiling.viewer.source.ConnectionStatus;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the whole screen from the controller's state, as styled lines; it writes nothing
 * to a terminal, so what it draws can be checked in tests.
 *
 * <pre>
 *  title bar      URL, tags or the open request, LIVE / PAUSED / DISCONNECTED / REQUEST (coloured by that state)
 *  info line      sampler and event, samples in the window, age of the shown tree (or the request's start), view and sort
 *  column titles  the sort column underlined
 *  rows           the tree, the tag list or the slow-request list
 *  status line    prompt, message or key help
 * </pre>
 */
public final class ScreenRenderer {

	/** Lines used by everything but the rows. */
	private static final int CHROME_LINES = 4;

	private static final String KEY_HELP = "q quit  space pause  arrows/hjkl move  enter fold  > hot path  esc root  [ ] sort  \\ flat  / search  t tag  r requests";

	private static final String REQUEST_LIST_KEY_HELP = "arrows/jk choose  enter open its tree  esc/r/q close";

	private static final String REQUEST_KEY_HELP = "esc/r back to live  q quit  arrows/hjkl move  enter fold  > hot path  [ ] sort  \\ flat  / search";

	private static final AttributedStyle TITLE_LIVE = AttributedStyle.DEFAULT.background(AttributedStyle.BLUE)
		.foreground(AttributedStyle.WHITE)
		.bold();

	private static final AttributedStyle TITLE_PAUSED = AttributedStyle.DEFAULT.background(AttributedStyle.RED)
		.foreground(AttributedStyle.WHITE)
		.bold();

	private static final AttributedStyle TITLE_DISCONNECTED = AttributedStyle.DEFAULT.background(AttributedStyle.YELLOW)
		.foreground(AttributedStyle.BLACK)
		.bold();

	private static final AttributedStyle TITLE_REQUEST = AttributedStyle.DEFAULT.background(AttributedStyle.MAGENTA)
		.foreground(AttributedStyle.WHITE)
		.bold();

	private static final AttributedStyle COLUMN_TITLES = AttributedStyle.BOLD;

	private final TreeRowsPainter rows = new TreeRowsPainter();

	private final TagPickerPainter tagPicker = new TagPickerPainter();

	private final RequestListPainter requestList = new RequestListPainter();

	/** How many tree rows fit on a terminal this tall. */
	public static int bodyHeight(int terminalRows) {
		return Math.max(1, terminalRows - CHROME_LINES);
	}

	public List<AttributedString> render(ViewerController viewer, int width, int height) {
		List<AttributedString> lines = new ArrayList<>(height);
		lines.add(titleBar(viewer, width));
		lines.add(Lines.plain(infoLine(viewer), width));
		TreeNavigation view = viewer.view();
		lines.add(columnTitles(view, width));
		int bodyHeight = bodyHeight(height);
		if (viewer.tagPicker() != null) {
			lines.addAll(tagPicker.lines(viewer.tagPicker(), width, bodyHeight));
		}
		else if (viewer.requestList() != null) {
			lines.addAll(requestList.lines(viewer.requestList(), viewer.currentTags(), width, bodyHeight));
		}
		else {
			lines.addAll(rows.rows(viewer, width, bodyHeight));
		}
		lines.add(Lines.plain(statusLine(viewer), width));
		return lines.subList(0, Math.min(lines.size(), height));
	}

	/** The word the title bar ends with. */
	static String stateWord(ViewerController viewer) {
		if (viewer.openRequest() != null) {
			return "REQUEST";
		}
		String connection = switch (viewer.status()) {
			case CONNECTING -> "CONNECTING";
			case CONNECTED -> "LIVE";
			case DISCONNECTED -> "DISCONNECTED";
			case OFFLINE -> "FILE";
		};
		if (!viewer.paused()) {
			return connection;
		}
		return viewer.status() == ConnectionStatus.DISCONNECTED ? "PAUSED, DISCONNECTED" : "PAUSED";
	}

	private AttributedString titleBar(ViewerController viewer, int width) {
		RequestTree request = viewer.openRequest();
		AttributedStyle style = request != null ? TITLE_REQUEST
				: viewer.paused() ? TITLE_PAUSED : switch (viewer.status()) {
					case CONNECTING, DISCONNECTED -> TITLE_DISCONNECTED;
					case CONNECTED, OFFLINE -> TITLE_LIVE;
				};
		StringBuilder left = new StringBuilder(" Profiling  ").append(viewer.location());
		List<Tag> tags = viewer.currentTags();
		if (request != null) {
			SlowRequest shown = request.request();
			left.append("  request ")
				.append(shown.id())
				.append("  ")
				.append(shown.label())
				.append("  ")
				.append(Formats.millis(shown.durationMillis()));
		}
		else if (!tags.isEmpty()) {
			left.append("  tag ").append(String.join(" ", tags.stream().map(Tag::toString).toList()));
		}
		String right = stateWord(viewer) + " ";
		int room = Math.max(0, width - right.length());
		return new AttributedString(Formats.left(left.toString(), room) + right, style);
	}

	private String infoLine(ViewerController viewer) {
		TreeNavigation view = viewer.view();
		TreeDocument tree = view.tree();
		if (tree == null) {
			return " waiting for the first tree from " + viewer.location();
		}
		StringBuilder info = new StringBuilder(" ");
		info.append(tree.tracing() ? "tracing" : tree.sampler() + " " + tree.event());
		info.append(" | ").append(tree.samples()).append(tree.tracing() ? " " + tree.unit() : " samples");
		Duration window = tree.window();
		if (window != null) {
			info.append(" in ").append(Formats.duration(window));
		}
		RequestTree request = viewer.openRequest();
		Duration age = viewer.age();
		if (request != null) {
			// a request's tree is fixed: when it ran says more than when it arrived
			SlowRequest shown = request.request();
			if (shown.start() != null) {
				info.append(" | started ").append(Formats.time(shown.start()));
			}
			if (shown.traceId() != null) {
				info.append(" | trace ").append(shown.traceId());
			}
			if (!shown.complete()) {
				info.append(" | incomplete: some samples may be missing");
			}
		}
		else if (age != null && viewer.status() != ConnectionStatus.OFFLINE) {
			info.append(" | updated ").append(age.toSeconds()).append("s ago");
		}
		info.append(" | ")
			.append(view.mode() == ViewMode.NESTED ? "nested" : "flat")
			.append(", by ")
			.append(view.sortColumn().name().toLowerCase(Locale.ROOT).replace('_', ' '));
		return info.toString();
	}

	private AttributedString columnTitles(TreeNavigation view, int width) {
		AttributedStringBuilder line = new AttributedStringBuilder();
		List<Column> columns = view.columns();
		int functionWidth = TableLayout.functionWidth(columns, width);
		for (Column column : columns) {
			AttributedStyle style = column == view.sortColumn() ? COLUMN_TITLES.underline() : COLUMN_TITLES;
			if (column == Column.FUNCTION) {
				// underline the title itself, not the padding after it
				line.style(style).append(" ").append(column.title());
				line.style(COLUMN_TITLES).append(" ".repeat(Math.max(0, functionWidth - column.title().length() - 1)));
			}
			else {
				int cellWidth = TableLayout.width(column);
				line.style(COLUMN_TITLES).append(" ".repeat(1 + cellWidth - column.title().length()));
				line.style(style).append(column.title());
			}
		}
		return Lines.fit(line.toAttributedString(), width);
	}

	private String statusLine(ViewerController viewer) {
		if (viewer.inputMode() == ViewerController.InputMode.SEARCH) {
			return "/" + viewer.searchInput() + "_   (enter searches, esc cancels)";
		}
		if (viewer.notice() != null) {
			return " " + viewer.notice();
		}
		if (viewer.inputMode() == ViewerController.InputMode.REQUEST_LIST) {
			return " " + REQUEST_LIST_KEY_HELP;
		}
		if (viewer.openRequest() != null) {
			return " " + REQUEST_KEY_HELP;
		}
		if (viewer.connectionMessage() != null) {
			return " " + viewer.connectionMessage();
		}
		return " " + KEY_HELP;
	}

}
