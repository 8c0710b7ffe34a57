package io.github.profiling.traced;

/**
 * Methods the tracing tests instrument (everything in this package is traced there):
 * calls of known shape whose counts the tests check exactly.
 */
public final class Workload {

	private Workload() {
	}

	/** Calls {@link #inner()} twice. */
	public static void outer() {
		inner();
		inner();
	}

	public static void inner() {
	}

	/** Recurses {@code depth} deep: {@code depth} nested calls of this method. */
	public static int recurse(int depth) {
		return (depth <= 1) ? 1 : 1 + recurse(depth - 1);
	}

	/** Calls {@link #spin(long)}, doing nothing else itself. */
	public static void callsSpin(long nanos) {
		spin(nanos);
	}

	/** Runs for at least {@code nanos} nanoseconds. */
	public static void spin(long nanos) {
		long start = System.nanoTime();
		while (System.nanoTime() - start < nanos) {
			Thread.onSpinWait();
		}
	}

	/** Recurses {@code depth} deep and throws from the bottom. */
	public static void throwFrom(int depth) {
		if (depth <= 1) {
			throw new IllegalStateException("thrown at the bottom");
		}
		throwFrom(depth - 1);
	}

	/** Calls {@link #throwFrom(int)} and catches what it throws. */
	public static boolean catchFrom(int depth) {
		try {
			throwFrom(depth);
			return false;
		}
		catch (IllegalStateException ex) {
			return true;
		}
	}

}
