package io.github.profiling.testing;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a thread with a small stack, so that recursion over a deep call tree would
 * overflow where an iterative walk does not.
 */
public final class SmallStack {

	/** Room for a few hundred Java frames, far fewer than the deep stacks under test. */
	public static final long STACK_BYTES = 256 * 1024;

	private SmallStack() {
	}

	public static void run(Runnable action) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(null, () -> {
			try {
				action.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "small-stack", STACK_BYTES);
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
		Throwable thrown = failure.get();
		if (thrown instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		if (thrown != null) {
			throw new AssertionError(thrown);
		}
	}

}
