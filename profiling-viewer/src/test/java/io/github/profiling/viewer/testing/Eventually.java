package io.github.profiling.viewer.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, within a bound, for something that happens on another thread. */
public final class Eventually {

	private Eventually() {
	}

	/**
	 * Polls until the condition holds; fails with {@code what} when the time runs out.
	 */
	public static void await(Duration limit, String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + limit.toSeconds() + "s waiting for " + what);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted waiting for " + what, e);
			}
		}
	}

}
