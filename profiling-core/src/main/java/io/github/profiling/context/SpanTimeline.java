package io.github.profiling.context;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which thread carried which tags when: a bounded ring of closed spans
 * {@code (thread, start,
 * end, tags)}. Samplers that sample outside the Java thread (JFR, async-profiler) deliver
 * samples later, with a thread id and a timestamp; they find the tags by
 * {@link #tagSetIdAt}. Recording costs nothing while no such sampler has switched it on.
 */
public final class SpanTimeline {

	private final long[] threadIds;

	private final long[] starts;

	private final long[] ends;

	private final int[] tagSetIds;

	// For each slot, the sequence number of the same thread's previous span (-1: none),
	// and
	// for each thread its latest span, so that a lookup walks one thread's spans only.
	private final long[] previousOfThread;

	private final ThreadSpanIndex latestOfThread;

	private long written;

	// How many samplers need spans now: counted, so that a sampler closing late cannot
	// switch
	// recording off under the one that started after it.
	private final AtomicInteger recorders = new AtomicInteger();

	private volatile boolean recording;

	public SpanTimeline(int capacity) {
		this.threadIds = new long[capacity];
		this.starts = new long[capacity];
		this.ends = new long[capacity];
		this.tagSetIds = new int[capacity];
		this.previousOfThread = new long[capacity];
		this.latestOfThread = new ThreadSpanIndex();
	}

	/**
	 * A sampler that matches samples to spans starts: spans are recorded until every such
	 * sampler has closed what this returns. Counted, not switched, so that a sampler that
	 * closes late cannot switch recording off under the one that started after it.
	 */
	public SpanRecording startRecording() {
		this.recording = this.recorders.incrementAndGet() > 0;
		return new SpanRecording(this);
	}

	private void stopRecording() {
		this.recording = this.recorders.decrementAndGet() > 0;
	}

	/** One sampler's need of spans; closing it more than once is harmless. */
	public static final class SpanRecording implements AutoCloseable {

		private final AtomicBoolean open = new AtomicBoolean(true);

		private final SpanTimeline timeline;

		private SpanRecording(SpanTimeline timeline) {
			this.timeline = timeline;
		}

		@Override
		public void close() {
			if (this.open.compareAndSet(true, false)) {
				this.timeline.stopRecording();
			}
		}

	}

	public boolean isRecording() {
		return this.recording;
	}

	void record(long threadId, long startNanos, long endNanos, int tagSetId) {
		if (!this.recording) {
			return;
		}
		synchronized (this) {
			int slot = (int) (this.written % this.threadIds.length);
			this.threadIds[slot] = threadId;
			this.starts[slot] = startNanos;
			this.ends[slot] = endNanos;
			this.tagSetIds[slot] = tagSetId;
			this.previousOfThread[slot] = this.latestOfThread.put(threadId, this.written,
					this.written - this.threadIds.length + 1);
			this.written++;
		}
	}

	/**
	 * The tags of the span {@code threadId} closed last, if it closed after
	 * {@code sinceNanos}; {@code -1} otherwise. For a sampler that finds a thread waiting
	 * although it ran since its previous look: the span says which request that work was
	 * for.
	 */
	public synchronized int lastClosedSince(long threadId, long sinceNanos) {
		long latest = this.latestOfThread.get(threadId);
		if (latest < 0 || latest < this.written - this.threadIds.length) {
			return -1;
		}
		int slot = (int) (latest % this.threadIds.length);
		return (this.ends[slot] > sinceNanos) ? this.tagSetIds[slot] : -1;
	}

	/**
	 * The tags of the innermost closed span of {@code threadId} that covers
	 * {@code timeNanos} ({@link System#nanoTime()} clock), or {@code -1} if no retained
	 * span covers it.
	 */
	public synchronized int tagSetIdAt(long threadId, long timeNanos) {
		int capacity = this.threadIds.length;
		long oldest = Math.max(0, this.written - capacity);
		int found = -1;
		long foundStart = Long.MIN_VALUE;
		// Spans are recorded as they close, so a thread's chain runs from the latest end
		// back.
		// Once a span ended at or before the time, no earlier one can cover it.
		for (long i = this.latestOfThread.get(threadId); i >= oldest;) {
			int slot = (int) (i % capacity);
			if (this.ends[slot] <= timeNanos) {
				break;
			}
			if (this.starts[slot] <= timeNanos && this.starts[slot] > foundStart) {
				found = this.tagSetIds[slot];
				foundStart = this.starts[slot];
			}
			i = this.previousOfThread[slot];
		}
		return found;
	}

	public synchronized long spansRecorded() {
		return this.written;
	}

}
