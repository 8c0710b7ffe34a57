package io.github.profiling.sampler;

import java.util.Arrays;

/**
 * The threads that used CPU since the previous tick: the ones whose stacks a tick takes.
 * Not thread-safe: the sampler thread owns it.
 */
final class RanThreads {

	private Thread[] threads = new Thread[16];

	private long[] ids = new long[16];

	// Each thread's scope ids read before its stack was taken (see ScopeIds).
	private long[] scopeIdsBefore = new long[16];

	private int size;

	// The ids as an array of exactly the size, as getThreadInfo wants it, kept while the
	// count stays the same.
	private long[] exactIds = new long[0];

	void add(Thread thread, long scopeIds) {
		if (this.size == this.threads.length) {
			this.threads = Arrays.copyOf(this.threads, this.size * 2);
			this.ids = Arrays.copyOf(this.ids, this.size * 2);
			this.scopeIdsBefore = Arrays.copyOf(this.scopeIdsBefore, this.size * 2);
		}
		this.threads[this.size] = thread;
		this.ids[this.size] = thread.getId();
		this.scopeIdsBefore[this.size] = scopeIds;
		this.size++;
	}

	long[] ids() {
		if (this.exactIds.length != this.size) {
			this.exactIds = new long[this.size];
		}
		System.arraycopy(this.ids, 0, this.exactIds, 0, this.size);
		return this.exactIds;
	}

	Thread thread(int index) {
		return this.threads[index];
	}

	/** The scope ids the thread had before its stack was taken. */
	long scopeIdsBefore(int index) {
		return this.scopeIdsBefore[index];
	}

	void clear() {
		Arrays.fill(this.threads, 0, this.size, null);
		this.size = 0;
	}

}
