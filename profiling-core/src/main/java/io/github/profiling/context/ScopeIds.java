package io.github.profiling.context;

/**
 * What a scope gives the samples taken in it, packed in one {@code long} so that a lookup
 * returns both without allocating: the id of its tag set and the id of the request it
 * works for ({@link #NO_REQUEST} outside any request).
 */
public final class ScopeIds {

	/** The request id of work done for no request. */
	public static final int NO_REQUEST = 0;

	/** Outside any scope: the empty tag set, no request. */
	public static final long NONE = of(TagSets.EMPTY_ID, NO_REQUEST);

	/** No span found: tag set {@code -1}. */
	public static final long NOT_FOUND = of(-1, NO_REQUEST);

	private ScopeIds() {
	}

	public static long of(int tagSetId, int requestId) {
		return ((long) requestId << 32) | (tagSetId & 0xFFFF_FFFFL);
	}

	public static int tagSetId(long ids) {
		return (int) ids;
	}

	public static int requestId(long ids) {
		return (int) (ids >>> 32);
	}

}
