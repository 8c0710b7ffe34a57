package io.github.profiling.store;

/**
 * Which time a query covers: everything since the application was ready (or since start,
 * or the last reset), the application's startup, the last N seconds up to now (or up to M
 * seconds ago), or an explicit range of store buckets (what a live stream uses to send
 * each second exactly once).
 */
public final class Window {

	private static final Window SINCE_START = new Window(Kind.SINCE_START, 0, 0);

	private static final Window STARTUP = new Window(Kind.STARTUP, 0, 0);

	enum Kind {

		SINCE_START, LAST_SECONDS, BUCKETS, STARTUP

	}

	final Kind kind;

	final long from;

	final long to;

	private Window(Kind kind, long from, long to) {
		this.kind = kind;
		this.from = from;
		this.to = to;
	}

	/**
	 * Since the application was ready (or since start, if it never said), the default
	 * view.
	 */
	public static Window sinceStart() {
		return SINCE_START;
	}

	/**
	 * From start until the application was ready: JIT, bootstrap and warm-up, kept apart.
	 */
	public static Window startup() {
		return STARTUP;
	}

	/** The last {@code seconds} seconds, the bucket in progress included. */
	public static Window lastSeconds(long seconds) {
		return lastSeconds(seconds, 0);
	}

	/**
	 * The {@code seconds} seconds that ended {@code offsetSeconds} ago: with an offset of
	 * 0 the last ones, the bucket in progress included; windows of the same length whose
	 * offsets differ by that length tile time ({@code (60, 60)} is the minute before
	 * {@code (60, 0)}).
	 */
	public static Window lastSeconds(long seconds, long offsetSeconds) {
		if (seconds <= 0) {
			throw new IllegalArgumentException("seconds must be positive");
		}
		if (offsetSeconds < 0) {
			throw new IllegalArgumentException("offset must not be negative");
		}
		return new Window(Kind.LAST_SECONDS, seconds, offsetSeconds);
	}

	/** Buckets {@code [fromIndex, toIndex)} of the store. */
	public static Window buckets(long fromIndex, long toIndex) {
		return new Window(Kind.BUCKETS, fromIndex, toIndex);
	}

	public boolean isSinceStart() {
		return this.kind == Kind.SINCE_START;
	}

}
