package io.github.profiling.viewer.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.profiling.viewer.model.CallNode;
import io.github.profiling.viewer.model.CallTree;
import io.github.profiling.viewer.model.Column;
import io.github.profiling.viewer.model.Measure;
import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TagSummary;
import io.github.profiling.viewer.model.TreeRow;
import io.github.profiling.viewer.model.TreeView;
import io.github.profiling.viewer.model.ViewMode;
import io.github.profiling.viewer.source.ConnectionStatus;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the whole screen from the controller's state, as styled lines; it writes nothing to a
 * terminal, so what it draws can be checked in tests.
 *
 * <pre>
 *  title bar      URL, tags, LIVE / PAUSED / DISCONNECTED (coloured by that state)
 *  info line      sampler and event, samples in the window, age of the shown tree, view and sort
 *  column titles  the sort column underlined
 *  rows           the tree
 *  status line    prompt, message or key help
 * </pre>
 */
public final class ScreenRenderer {

    /** Lines used by everything but the rows. */
    private static final int CHROME_LINES = 4;
    private static final int INDENT_PER_LEVEL = 2;
    private static final String KEY_HELP =
            "q quit  space pause  arrows/hjkl move  enter fold  > hot path  esc root  [ ] sort  \\ flat  / search  t tag";

    private static final AttributedStyle TITLE_LIVE = AttributedStyle.DEFAULT.background(AttributedStyle.BLUE)
            .foreground(AttributedStyle.WHITE).bold();
    private static final AttributedStyle TITLE_PAUSED = AttributedStyle.DEFAULT.background(AttributedStyle.RED)
            .foreground(AttributedStyle.WHITE).bold();
    private static final AttributedStyle TITLE_DISCONNECTED = AttributedStyle.DEFAULT
            .background(AttributedStyle.YELLOW).foreground(AttributedStyle.BLACK).bold();
    private static final AttributedStyle COLUMN_TITLES = AttributedStyle.BOLD;
    private static final AttributedStyle SEARCH_MATCH = AttributedStyle.DEFAULT.background(AttributedStyle.YELLOW)
            .foreground(AttributedStyle.BLACK);

    /** How many tree rows fit on a terminal this tall. */
    public static int bodyHeight(int terminalRows) {
        return Math.max(1, terminalRows - CHROME_LINES);
    }

    public List<AttributedString> render(ViewerController viewer, int width, int height) {
        List<AttributedString> lines = new ArrayList<>(height);
        lines.add(titleBar(viewer, width));
        lines.add(plain(infoLine(viewer), width));
        TreeView view = viewer.view();
        lines.add(columnTitles(view, width));
        int bodyHeight = bodyHeight(height);
        if (viewer.tagPicker() != null) {
            lines.addAll(tagPicker(viewer.tagPicker(), width, bodyHeight));
        } else {
            lines.addAll(rows(viewer, width, bodyHeight));
        }
        lines.add(plain(statusLine(viewer), width));
        return lines.subList(0, Math.min(lines.size(), height));
    }

    /** The word the title bar ends with. */
    static String stateWord(ViewerController viewer) {
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
        AttributedStyle style = viewer.paused() ? TITLE_PAUSED
                : switch (viewer.status()) {
                    case CONNECTING, DISCONNECTED -> TITLE_DISCONNECTED;
                    case CONNECTED, OFFLINE -> TITLE_LIVE;
                };
        StringBuilder left = new StringBuilder(" Profiling  ").append(viewer.location());
        List<Tag> tags = viewer.currentTags();
        if (!tags.isEmpty()) {
            left.append("  tag ").append(String.join(" ", tags.stream().map(Tag::toString).toList()));
        }
        String right = stateWord(viewer) + " ";
        int room = Math.max(0, width - right.length());
        return new AttributedString(Formats.left(left.toString(), room) + right, style);
    }

    private String infoLine(ViewerController viewer) {
        TreeView view = viewer.view();
        CallTree tree = view.tree();
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
        Duration age = viewer.age();
        if (age != null && viewer.status() != ConnectionStatus.OFFLINE) {
            info.append(" | updated ").append(age.toSeconds()).append("s ago");
        }
        info.append(" | ").append(view.mode() == ViewMode.NESTED ? "nested" : "flat")
                .append(", by ").append(view.sortColumn().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        return info.toString();
    }

    private AttributedString columnTitles(TreeView view, int width) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        List<Column> columns = view.columns();
        int functionWidth = functionWidth(columns, width);
        for (Column column : columns) {
            AttributedStyle style = column == view.sortColumn() ? COLUMN_TITLES.underline() : COLUMN_TITLES;
            if (column == Column.FUNCTION) {
                // underline the title itself, not the padding after it
                line.style(style).append(" ").append(column.title());
                line.style(COLUMN_TITLES).append(" ".repeat(Math.max(0, functionWidth - column.title().length() - 1)));
            } else {
                int cellWidth = width(column);
                line.style(COLUMN_TITLES).append(" ".repeat(1 + cellWidth - column.title().length()));
                line.style(style).append(column.title());
            }
        }
        return fit(line.toAttributedString(), width);
    }

    private List<AttributedString> rows(ViewerController viewer, int width, int bodyHeight) {
        TreeView view = viewer.view();
        List<TreeRow> rows = view.rows();
        List<AttributedString> lines = new ArrayList<>(bodyHeight);
        if (rows.isEmpty()) {
            lines.add(plain(view.tree() == null ? "" : " (no samples in this window)", width));
        }
        int focus = view.focusIndex();
        List<Column> columns = view.columns();
        int functionWidth = functionWidth(columns, width);
        int indentShift = indentShift(view, functionWidth);
        CallTree shown = view.shownTree();
        for (int i = view.scrollTop(); i < rows.size() && lines.size() < bodyHeight; i++) {
            lines.add(row(viewer, rows.get(i), i == focus, shown, columns, functionWidth, indentShift, width));
        }
        while (lines.size() < bodyHeight) {
            lines.add(AttributedString.EMPTY);
        }
        return lines;
    }

    private AttributedString row(ViewerController viewer, TreeRow row, boolean focused, CallTree shown,
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
            String text = Formats.right(cell(column, row.node(), tracing, total), width(column));
            AttributedStyle style = switch (column) {
                case OWN_PERCENT -> heat(base, Measure.percent(Measure.own(row.node(), tracing), total));
                case DEEP_PERCENT -> heat(base, Measure.percent(Measure.deep(row.node(), tracing), total));
                default -> base;
            };
            line.style(style).append(text);
        }
        return fit(line.toAttributedString(), width);
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
        } else {
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
        };
    }

    /** Percentages coloured by heat, as in the original viewer: above 10, 30, 70 and 90 %. */
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

    private List<AttributedString> tagPicker(TagPicker picker, int width, int bodyHeight) {
        List<AttributedString> lines = new ArrayList<>(bodyHeight);
        lines.add(new AttributedString(Formats.left(
                " Show the work of one tag (enter picks, esc cancels):", width), AttributedStyle.BOLD));
        if (picker.loading()) {
            lines.add(plain("   asking the server for its tags...", width));
        } else {
            lines.add(choice(" all (no tag filter)", picker.selected() == 0, width));
            List<TagSummary> choices = picker.choices();
            for (int i = 0; i < choices.size(); i++) {
                TagSummary summary = choices.get(i);
                String text = String.format(Locale.ROOT, " %-60s %9d samples %6.1f%%", summary.label(),
                        summary.samples(), summary.percent());
                lines.add(choice(text, picker.selected() == i + 1, width));
            }
        }
        while (lines.size() < bodyHeight) {
            lines.add(AttributedString.EMPTY);
        }
        return lines.subList(0, bodyHeight);
    }

    private static AttributedString choice(String text, boolean selected, int width) {
        String line = Formats.left("  " + text, width);
        return new AttributedString(line, selected ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT);
    }

    private String statusLine(ViewerController viewer) {
        if (viewer.inputMode() == ViewerController.InputMode.SEARCH) {
            return "/" + viewer.searchInput() + "_   (enter searches, esc cancels)";
        }
        if (viewer.notice() != null) {
            return " " + viewer.notice();
        }
        if (viewer.connectionMessage() != null) {
            return " " + viewer.connectionMessage();
        }
        return " " + KEY_HELP;
    }

    /**
     * How far deep rows are shifted left, so that the focused row's indentation stays within the
     * first half of the function column however deep the stack is.
     */
    private static int indentShift(TreeView view, int functionWidth) {
        TreeRow focused = view.focusedRow();
        if (focused == null || view.mode() != ViewMode.NESTED) {
            return 0;
        }
        return Math.max(0, focused.depth() * INDENT_PER_LEVEL - functionWidth / 2);
    }

    private static int functionWidth(List<Column> columns, int width) {
        int numbers = 0;
        for (Column column : columns) {
            if (column != Column.FUNCTION) {
                numbers += 1 + width(column);
            }
        }
        return Math.max(10, width - numbers);
    }

    private static int width(Column column) {
        return switch (column) {
            case OWN_PERCENT, DEEP_PERCENT -> 6;
            case FUNCTION -> 0;
            default -> 9;
        };
    }

    private static AttributedString plain(String text, int width) {
        return new AttributedString(Formats.left(text, width));
    }

    private static AttributedString fit(AttributedString line, int width) {
        return line.length() > width ? line.subSequence(0, width) : line;
    }
}
