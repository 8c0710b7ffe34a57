package io.github.profiling.viewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.profiling.viewer.model.SlowRequest;
import io.github.profiling.viewer.model.SlowRequests;
import io.github.profiling.viewer.model.Tag;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Draws the slow-request list the {@code r} key opens, in place of the tree: duration,
 * start, samples, the trace when the server knows it, and the tags; a request that may
 * have lost samples says so.
 */
final class RequestListPainter {

	/** The title and the column titles. */
	private static final int HEADER_LINES = 2;

	private static final int TRACE_WIDTH = 32;

	List<AttributedString> lines(RequestList list, List<Tag> tags, int width, int bodyHeight) {
		List<AttributedString> lines = new ArrayList<>(bodyHeight);
		lines.add(new AttributedString(Formats.left(title(list.answer(), tags), width), AttributedStyle.BOLD));
		List<SlowRequest> requests = list.requests();
		if (list.loading()) {
			lines.add(Lines.plain("   asking the server for its slow requests...", width));
		}
		else if (requests.isEmpty()) {
			lines.add(Lines.plain("   no slow request kept in this window", width));
		}
		else {
			boolean traced = requests.stream().anyMatch(request -> request.traceId() != null);
			lines.add(new AttributedString(
					Formats.left(row("DURATION", "START", "SAMPLES", traced ? "TRACE" : null, "TAGS"), width),
					AttributedStyle.BOLD));
			int room = Math.max(1, bodyHeight - HEADER_LINES);
			// keep the selection on screen
			int top = Math.max(0, list.selected() - room + 1);
			for (int i = top; i < requests.size() && i < top + room; i++) {
				SlowRequest request = requests.get(i);
				String trace = request.traceId() == null ? "-" : request.traceId();
				String text = row(Formats.millis(request.durationMillis()),
						request.start() == null ? "-" : Formats.time(request.start()), Long.toString(request.samples()),
						traced ? trace : null,
						// before the tags, which may be cut at the edge of the screen
						request.complete() ? request.label() : "(incomplete) " + request.label());
				lines.add(new AttributedString(Formats.left(text, width),
						i == list.selected() ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT));
			}
		}
		while (lines.size() < bodyHeight) {
			lines.add(AttributedString.EMPTY);
		}
		return lines.subList(0, bodyHeight);
	}

	private static String title(SlowRequests answer, List<Tag> tags) {
		StringBuilder title = new StringBuilder(" Slow requests of ");
		title.append(tags.isEmpty() ? "all the work" : String.join(" ", tags.stream().map(Tag::toString).toList()));
		title.append(", slowest first");
		if (answer != null && answer.slowest() > 0) {
			title.append(" (the server keeps the ").append(answer.slowest()).append(" slowest per route each minute)");
		}
		return title.append(": enter opens one, esc closes").toString();
	}

	private static String row(String duration, String start, String samples, String trace, String tags) {
		String row = String.format(Locale.ROOT, "   %10s  %-13s  %7s  ", duration, start, samples);
		if (trace != null) {
			row += Formats.left(trace, TRACE_WIDTH) + "  ";
		}
		return row + tags;
	}

}
