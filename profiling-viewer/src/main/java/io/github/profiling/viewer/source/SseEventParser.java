package io.github.profiling.viewer.source;

import java.util.function.Consumer;

/**
 * Turns the lines of a {@code text/event-stream} into events: {@code event:} names the
 * event, {@code data:} lines carry its payload, a blank line ends it. Comments and other
 * fields are ignored.
 */
public final class SseEventParser {

	/**
	 * One server-sent event; unnamed events are called {@code message}, as browsers call
	 * them.
	 */
	public record Event(String name, String data) {
	}

	private final Consumer<Event> sink;

	private String name = "";

	private StringBuilder data;

	public SseEventParser(Consumer<Event> sink) {
		this.sink = sink;
	}

	/** Takes one line, without its line ending. */
	public void line(String line) {
		if (line.isEmpty()) {
			dispatch();
			return;
		}
		if (line.startsWith(":")) {
			return;
		}
		int colon = line.indexOf(':');
		String field = colon < 0 ? line : line.substring(0, colon);
		String value = colon < 0 ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		if (field.equals("event")) {
			name = value;
		}
		else if (field.equals("data")) {
			if (data == null) {
				data = new StringBuilder(value);
			}
			else {
				data.append('\n').append(value);
			}
		}
	}

	private void dispatch() {
		if (data != null) {
			sink.accept(new Event(name.isEmpty() ? "message" : name, data.toString()));
		}
		name = "";
		data = null;
	}

}
