package io.github.profiling.store;

/**
 * Which time a query covers: everything since start (or the last reset), the last N seconds up
 * to now, or an explicit range of store buckets (what a live stream uses to send each second
 * exactly once).
 */
public final class Window {

	private static final Window SINCE_START = new Window(Kind.SINCE_START, 0, 0);

	enum Kind {

		SINCE_START, LAST_SECONDS, BUCKETS

	}

	final Kind kind;

	final long from;

	final long to;

	private Window(Kind kind, long from, long to) {
		this.kind = kind;
		this.from = from;
		this.to = to;
	}

	public static Window sinceStart() {
		return SINCE_START;
	}

	/** The last {@code seconds} seconds, the bucket in progress included. */
	public static Window lastSeconds(long seconds) {
		if (seconds <= 0) {
			throw new IllegalArgumentException("seconds must be positive");
		}
		return new Window(Kind.LAST_SECONDS, seconds, 0);
	}

	/** Buckets {@code [fromIndex, toIndex)} of the store. */
	public static Window buckets(long fromIndex, long toIndex) {
		return new Window(Kind.BUCKETS, fromIndex, toIndex);
	}

	public boolean isSinceStart() {
		return this.kind == Kind.SINCE_START;
	}

}
