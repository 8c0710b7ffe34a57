package io.github.profiling.store;

/**
 * The windows of one live stream. By default each event covers the complete buckets since
 * the previous event, so that consecutive events tile time exactly: each sample is sent
 * once, as the original's "start, sleep, stop, send" rounds did. With a fixed
 * {@code seconds}, each event covers the last that many complete seconds instead.
 */
public final class LiveCursor {

	private final ProfileStore store;

	private final long intervalBuckets;

	private final long windowBuckets;

	private long nextFrom = Long.MIN_VALUE;

	/**
	 * @param intervalSeconds how often events are sent
	 * @param seconds the fixed window of each event, or 0 for "since the previous event"
	 */
	public LiveCursor(ProfileStore store, long intervalSeconds, long seconds) {
		long bucketsPerSecond = Math.max(1, 1_000_000_000L / store.bucketNanos());
		this.store = store;
		this.intervalBuckets = Math.max(1, intervalSeconds * bucketsPerSecond);
		this.windowBuckets = seconds * bucketsPerSecond;
	}

	/**
	 * The window of the next event: complete buckets only, the one in progress excluded.
	 */
	public synchronized Window next() {
		long current = this.store.currentBucket();
		if (this.windowBuckets > 0) {
			return Window.buckets(current - this.windowBuckets, current);
		}
		// The first event, or the first after a reset restarted the bucket count: one
		// interval.
		long from = (this.nextFrom == Long.MIN_VALUE || this.nextFrom > current) ? current - this.intervalBuckets
				: this.nextFrom;
		this.nextFrom = current;
		return Window.buckets(from, current);
	}

}
