package io.github.profiling.context;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpanTimelineTest {

	private final ProfilingContext context = new ProfilingContext(100, 16);

	private final long threadId = Thread.currentThread().getId();

	/**
	 * A moment strictly between what happened before and what happens after: waits until
	 * the clock has moved past the returned time.
	 */
	private static long moment() {
		long now = System.nanoTime();
		while (System.nanoTime() == now) {
			Thread.onSpinWait();
		}
		return now;
	}

	private int idOf(TagSet tags) {
		return this.context.tagSets().intern(tags);
	}

	@Test
	void nothingIsRecordedUnlessRecordingIsOn() {
		assertThat(this.context.spans().isRecording()).isFalse();
		long inside;
		try (Scope scope = this.context.openScope(TagSet.of("a", "1"), null)) {
			inside = moment();
		}
		assertThat(this.context.spans().spansRecorded()).isZero();
		assertThat(this.context.spans().tagSetIdAt(this.threadId, inside)).isEqualTo(-1);
	}

	@Test
	void findsTheInnermostClosedSpanCoveringATime() {
		SpanTimeline spans = this.context.spans();
		SpanTimeline.SpanRecording recording = spans.startRecording();
		TagSet outerTags = TagSet.of("request", "r1");
		TagSet innerTags = TagSet.of(Map.of("request", "r1", "step", "db"));

		long before = moment();
		Scope outer = this.context.openScope(outerTags, null);
		long inOuter = moment();
		Scope inner = this.context.openScope(TagSet.of("step", "db"), null);
		long inInner = moment();
		// Spans are recorded when they close: nothing covers an open scope yet.
		assertThat(spans.tagSetIdAt(this.threadId, inInner)).isEqualTo(-1);
		inner.close();
		long afterInner = moment();
		outer.close();
		long after = moment();

		assertThat(spans.spansRecorded()).isEqualTo(2);
		assertThat(spans.tagSetIdAt(this.threadId, inOuter)).isEqualTo(idOf(outerTags));
		assertThat(spans.tagSetIdAt(this.threadId, inInner)).isEqualTo(idOf(innerTags));
		assertThat(spans.tagSetIdAt(this.threadId, afterInner)).isEqualTo(idOf(outerTags));
		assertThat(spans.tagSetIdAt(this.threadId, before)).isEqualTo(-1);
		assertThat(spans.tagSetIdAt(this.threadId, after)).isEqualTo(-1);
		assertThat(spans.tagSetIdAt(this.threadId + 1_000_000, inInner)).isEqualTo(-1);

		recording.close();
		try (Scope scope = this.context.openScope(TagSet.of("x", "y"), null)) {
			moment();
		}
		assertThat(spans.spansRecorded()).isEqualTo(2);
	}

	@Test
	void closingAnOuterScopeRecordsTheForgottenInnerSpansToo() {
		SpanTimeline spans = this.context.spans();
		spans.startRecording();
		Scope outer = this.context.openScope(TagSet.of("a", "1"), null);
		this.context.openScope(TagSet.of("b", "2"), null);
		long inInner = moment();
		outer.close();

		assertThat(spans.spansRecorded()).isEqualTo(2);
		assertThat(spans.tagSetIdAt(this.threadId, inInner)).isEqualTo(idOf(TagSet.of(Map.of("a", "1", "b", "2"))));
	}

	@Test
	void aFullTimelineForgetsTheOldestSpans() {
		SpanTimeline spans = this.context.spans();
		spans.startRecording();
		long[] moments = new long[20];
		for (int i = 0; i < moments.length; i++) {
			try (Scope scope = this.context.openScope(TagSet.of("i", Integer.toString(i)), null)) {
				moments[i] = moment();
			}
		}
		assertThat(spans.spansRecorded()).isEqualTo(20);
		// Capacity 16: the first four are gone.
		for (int i = 0; i < 4; i++) {
			assertThat(spans.tagSetIdAt(this.threadId, moments[i])).isEqualTo(-1);
		}
		for (int i = 4; i < 20; i++) {
			assertThat(spans.tagSetIdAt(this.threadId, moments[i]))
				.isEqualTo(idOf(TagSet.of("i", Integer.toString(i))));
		}
	}

	@Test
	void spansOfOtherThreadsAreTold() throws Exception {
		SpanTimeline spans = this.context.spans();
		spans.startRecording();
		long[] inside = new long[1];
		Thread worker = new Thread(() -> {
			try (Scope scope = this.context.openScope(TagSet.of("job", "w"), null)) {
				inside[0] = moment();
			}
		});
		worker.start();
		worker.join();

		assertThat(spans.tagSetIdAt(worker.getId(), inside[0])).isEqualTo(idOf(TagSet.of("job", "w")));
		assertThat(spans.tagSetIdAt(this.threadId, inside[0])).isEqualTo(-1);
	}

	@Test
	void recordsUntilTheLastSamplerThatNeedsSpansStops() {
		SpanTimeline spans = this.context.spans();
		SpanTimeline.SpanRecording first = spans.startRecording();
		SpanTimeline.SpanRecording second = spans.startRecording();
		// The first sampler closes late, after the second started, and twice: spans go
		// on.
		first.close();
		first.close();
		assertThat(spans.isRecording()).isTrue();
		try (Scope scope = this.context.openScope(TagSet.of("a", "1"), null)) {
			moment();
		}
		assertThat(spans.spansRecorded()).isEqualTo(1);
		second.close();
		assertThat(spans.isRecording()).isFalse();
		try (Scope scope = this.context.openScope(TagSet.of("a", "2"), null)) {
			moment();
		}
		assertThat(spans.spansRecorded()).isEqualTo(1);
	}

	@Test
	void amongManyShortLivedThreadsTheSpansInTheRingAreFound() {
		SpanTimeline spans = new SpanTimeline(16);
		spans.startRecording();
		// A thread id per span, as requests on virtual threads bring, and every fourth
		// span of
		// one long-lived thread: far more threads than the ring holds spans.
		int count = 1000;
		for (int i = 0; i < count; i++) {
			long thread = (i % 4 == 0) ? 1 : 1000 + i;
			spans.record(thread, i * 10L, i * 10L + 5, i, ScopeIds.NO_REQUEST);
		}
		assertThat(spans.spansRecorded()).isEqualTo(count);
		for (int i = 0; i < count; i++) {
			long thread = (i % 4 == 0) ? 1 : 1000 + i;
			int expected = (i >= count - 16) ? i : -1;
			assertThat(spans.tagSetIdAt(thread, i * 10L + 2)).as("span %d", i).isEqualTo(expected);
		}
	}

	@Test
	void drawsAClosedSpanInProportionToTheTimeItCovered() {
		SpanTimeline spans = this.context.spans();
		try (SpanTimeline.SpanRecording recording = spans.startRecording()) {
			assertThat(spans.closedSpanAtShare(this.threadId, Long.MIN_VALUE, moment(), 0.5)).isEqualTo(-1);
			long beforeA = moment();
			try (Scope scope = this.context.openScope(TagSet.of("route", "/a"), null)) {
				busy(Duration.ofMillis(30));
				// A nested scope's time is its request's, counted once.
				try (Scope inner = this.context.openScope(TagSet.of("step", "x"), null)) {
					busy(Duration.ofMillis(5));
				}
			}
			long afterA = moment();
			try (Scope scope = this.context.openScope(TagSet.of("route", "/b"), null)) {
				busy(Duration.ofMillis(10));
			}
			long afterB = moment();
			int a = idOf(TagSet.of("route", "/a"));
			int b = idOf(TagSet.of("route", "/b"));
			// Drawn along the time covered, latest first: /b's 10 ms, then /a's 35 ms.
			assertThat(spans.closedSpanAtShare(this.threadId, beforeA, afterB, 0.0)).isEqualTo(b);
			assertThat(spans.closedSpanAtShare(this.threadId, beforeA, afterB, 0.15)).isEqualTo(b);
			assertThat(spans.closedSpanAtShare(this.threadId, beforeA, afterB, 0.35)).isEqualTo(a);
			assertThat(spans.closedSpanAtShare(this.threadId, beforeA, afterB, 0.99)).isEqualTo(a);
			// Only what closed since the given time.
			assertThat(spans.closedSpanAtShare(this.threadId, afterA, afterB, 0.99)).isEqualTo(b);
			assertThat(spans.closedSpanAtShare(this.threadId, afterB, moment(), 0.5)).isEqualTo(-1);
			assertThat(spans.closedSpanAtShare(this.threadId + 1_000_000, beforeA, afterB, 0.5)).isEqualTo(-1);
		}
	}

	private static void busy(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

}
