package io.github.profiling.sampler;

import java.util.Arrays;

/**
 * The threads that used CPU since the previous tick: the ones whose stacks a tick takes.
 * Not thread-safe: the sampler thread owns it.
 */
final class RanThreads {

	private Thread[] threads = new Thread[16];

	private long[] ids = new long[16];

	private int size;

	// The ids as an array of exactly the size, as getThreadInfo wants it, kept while the
	// count stays the same.
	private long[] exactIds = new long[0];

	void add(Thread thread) {
		if (this.size == this.threads.length) {
			this.threads = Arrays.copyOf(this.threads, this.size * 2);
			this.ids = Arrays.copyOf(this.ids, this.size * 2);
		}
		this.threads[this.size] = thread;
		this.ids[this.size] = thread.getId();
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

	void clear() {
		Arrays.fill(this.threads, 0, this.size, null);
		this.size = 0;
	}

}
