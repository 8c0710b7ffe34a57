package io.github.profiling.sampler;

import java.util.Arrays;

/**
 * The JVM's live platform threads, listed into a reused array: without the stack walk of
 * every thread at a safepoint that {@link Thread#getAllStackTraces()} pays for. Not
 * thread-safe: the sampler thread owns it.
 */
final class PlatformThreads {

	private final ThreadGroup root;

	private Thread[] threads = new Thread[64];

	PlatformThreads() {
		ThreadGroup group = Thread.currentThread().getThreadGroup();
		while (group.getParent() != null) {
			group = group.getParent();
		}
		this.root = group;
	}

	/** Lists the live threads into {@link #threads()}; returns how many there are. */
	int snapshot() {
		while (true) {
			int count = this.root.enumerate(this.threads, true);
			if (count < this.threads.length) {
				// Threads of the previous snapshot past the end are not held on to.
				Arrays.fill(this.threads, count, this.threads.length, null);
				return count;
			}
			// Full: there may be more.
			this.threads = new Thread[this.threads.length * 2];
		}
	}

	Thread[] threads() {
		return this.threads;
	}

}
