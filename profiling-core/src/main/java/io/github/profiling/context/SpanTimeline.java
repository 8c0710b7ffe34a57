package io.github.profiling.context;

/**
 * Which thread carried which tags when: a bounded ring of closed spans {@code (thread, start,
 * end, tags)}. Samplers that sample outside the Java thread (JFR, async-profiler) deliver samples
 * later, with a thread id and a timestamp; they find the tags by {@link #tagSetIdAt}.
 * Recording costs nothing while no such sampler has switched it on.
 */
public final class SpanTimeline {

	private final long[] threadIds;

	private final long[] starts;

	private final long[] ends;

	private final int[] tagSetIds;

	private long written;

	private volatile boolean recording;

	public SpanTimeline(int capacity) {
		this.threadIds = new long[capacity];
		this.starts = new long[capacity];
		this.ends = new long[capacity];
		this.tagSetIds = new int[capacity];
	}

	public void setRecording(boolean recording) {
		this.recording = recording;
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
			this.written++;
		}
	}

	/**
	 * The tags of the innermost closed span of {@code threadId} that covers {@code timeNanos}
	 * ({@link System#nanoTime()} clock), or {@code -1} if no retained span covers it.
	 */
	public synchronized int tagSetIdAt(long threadId, long timeNanos) {
		int capacity = this.threadIds.length;
		long oldest = Math.max(0, this.written - capacity);
		int found = -1;
		long foundStart = Long.MIN_VALUE;
		for (long i = this.written - 1; i >= oldest; i--) {
			int slot = (int) (i % capacity);
			if (this.threadIds[slot] == threadId && this.starts[slot] <= timeNanos && timeNanos < this.ends[slot]
					&& this.starts[slot] > foundStart) {
				found = this.tagSetIds[slot];
				foundStart = this.starts[slot];
			}
		}
		return found;
	}

	public synchronized long spansRecorded() {
		return this.written;
	}

}
