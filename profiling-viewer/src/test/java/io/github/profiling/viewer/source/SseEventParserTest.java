package io.github.profiling.viewer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventParserTest {

	private final List<SseEventParser.Event> events = new ArrayList<>();

	private final SseEventParser parser = new SseEventParser(events::add);

	@Test
	void aBlankLineEndsEachEvent() {
		feed("event: tree", "data: {\"a\":1}", "", "event:tree", "data:{\"a\":2}", "");

		assertThat(events).containsExactly(new SseEventParser.Event("tree", "{\"a\":1}"),
				new SseEventParser.Event("tree", "{\"a\":2}"));
	}

	@Test
	void joinsDataLinesAndNamesUnnamedEventsMessage() {
		feed("data: first", "data: second", "");

		assertThat(events).containsExactly(new SseEventParser.Event("message", "first\nsecond"));
	}

	@Test
	void ignoresCommentsOtherFieldsAndEventsWithoutData() {
		feed(": keep-alive", "id: 7", "retry: 1000", "", "event: tree", "", "event: tree", "data: x");

		assertThat(events).isEmpty();
		feed("");
		assertThat(events).containsExactly(new SseEventParser.Event("tree", "x"));
	}

	private void feed(String... lines) {
		for (String line : lines) {
			parser.line(line);
		}
	}

}
