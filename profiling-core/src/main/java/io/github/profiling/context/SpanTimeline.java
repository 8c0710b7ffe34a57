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

	private final int[] requestIds;

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
		this.requestIds = new int[capacity];
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

	void record(long threadId, long startNanos, long endNanos, int tagSetId, int requestId) {
		if (!this.recording) {
			return;
		}
		synchronized (this) {
			int slot = (int) (this.written % this.threadIds.length);
			this.threadIds[slot] = threadId;
			this.starts[slot] = startNanos;
			this.ends[slot] = endNanos;
			this.tagSetIds[slot] = tagSetId;
			this.requestIds[slot] = requestId;
			this.previousOfThread[slot] = this.latestOfThread.put(threadId, this.written,
					this.written - this.threadIds.length + 1);
			this.written++;
		}
	}

	/**
	 * The tags of the request {@code threadId} served at a point drawn at random, by
	 * {@code share} (in {@code [0, 1)}), along the time its outermost spans closed in
	 * {@code (sinceNanos, nowNanos]} covered; {@code -1} if none closed then. For a
	 * sampler that finds a thread waiting although it ran since its previous look at
	 * {@code sinceNanos}: its CPU of that time went to those spans, in proportion to
	 * their time as far as it knows, so a span drawn so is the right one on average,
	 * however short.
	 */
	public int closedSpanAtShare(long threadId, long sinceNanos, long nowNanos, double share) {
		return ScopeIds.tagSetId(closedSpanIdsAtShare(threadId, sinceNanos, nowNanos, share));
	}

	/**
	 * As {@link #closedSpanAtShare}, but the span's {@link ScopeIds}, or
	 * {@link ScopeIds#NOT_FOUND}.
	 */
	public synchronized long closedSpanIdsAtShare(long threadId, long sinceNanos, long nowNanos, double share) {
		long total = 0;
		for (int pass = 0; pass < 2; pass++) {
			long target = (long) (share * total);
			long covered = 0;
			long outerStart = Long.MAX_VALUE;
			long oldest = Math.max(0, this.written - this.threadIds.length);
			for (long i = this.latestOfThread.get(threadId); i >= oldest;) {
				int slot = (int) (i % this.threadIds.length);
				if (this.ends[slot] <= sinceNanos) {
					break;
				}
				// Spans are recorded as they close: one that began after the last outer
				// one
				// began is nested in it, and its time counted already.
				if (this.starts[slot] < outerStart) {
					long own = Math.max(0,
							Math.min(this.ends[slot], nowNanos) - Math.max(this.starts[slot], sinceNanos));
					covered += own;
					if (pass == 1 && covered > target) {
						return idsOf(slot);
					}
					outerStart = this.starts[slot];
				}
				i = this.previousOfThread[slot];
			}
			if (covered == 0) {
				return ScopeIds.NOT_FOUND;
			}
			total = covered;
		}
		return ScopeIds.NOT_FOUND;
	}

	private long idsOf(int slot) {
		return ScopeIds.of(this.tagSetIds[slot], this.requestIds[slot]);
	}

	/**
	 * The tags of the innermost closed span of {@code threadId} that covers
	 * {@code timeNanos} ({@link System#nanoTime()} clock), or {@code -1} if no retained
	 * span covers it.
	 */
	public int tagSetIdAt(long threadId, long timeNanos) {
		return ScopeIds.tagSetId(idsAt(threadId, timeNanos));
	}

	/**
	 * The {@link ScopeIds} of the innermost closed span of {@code threadId} that covers
	 * {@code timeNanos}, or {@link ScopeIds#NOT_FOUND}.
	 */
	public synchronized long idsAt(long threadId, long timeNanos) {
		int capacity = this.threadIds.length;
		long oldest = Math.max(0, this.written - capacity);
		long found = ScopeIds.NOT_FOUND;
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
				found = idsOf(slot);
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
