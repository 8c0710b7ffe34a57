package io.github.profiling.autoconfigure.export.pyroscope;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The windows waiting to be pushed, oldest first, at most {@code capacity}: when the
 * server cannot be reached long enough to fill it, the oldest window gives way, and is
 * counted as dropped.
 */
final class PushQueue {

	private final ArrayDeque<PushWindow> windows = new ArrayDeque<>();

	private final int capacity;

	private final AtomicLong dropped;

	PushQueue(int capacity, AtomicLong dropped) {
		this.capacity = Math.max(1, capacity);
		this.dropped = dropped;
	}

	int capacity() {
		return this.capacity;
	}

	synchronized void add(PushWindow window) {
		while (this.windows.size() >= this.capacity) {
			this.windows.pollFirst();
			this.dropped.incrementAndGet();
		}
		this.windows.addLast(window);
	}

	/** The oldest window, or {@code null}. */
	synchronized PushWindow oldest() {
		return this.windows.peekFirst();
	}

	/**
	 * Removes {@code window} if it is still the oldest: the queue may have dropped it
	 * meanwhile.
	 */
	synchronized void remove(PushWindow window) {
		if (this.windows.peekFirst() == window) {
			this.windows.pollFirst();
		}
	}

	synchronized int size() {
		return this.windows.size();
	}

	synchronized long bytes() {
		long bytes = 0;
		for (PushWindow window : this.windows) {
			bytes += window.body().length;
		}
		return bytes;
	}

	/** One window's push request, ready to send. */
	record PushWindow(Instant from, Instant to, byte[] body) {
	}

}
