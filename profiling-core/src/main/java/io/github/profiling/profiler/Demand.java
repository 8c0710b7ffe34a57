package io.github.profiling.profiler;

/**
 * On-demand profiling, as the original's remote mode: when on, a sampler runs only while
 * at least one client holds a demand (a live stream is open). Guarded by the profiler's
 * switch lock; the flag is also read without it, by the status.
 */
final class Demand {

	private volatile boolean onDemand;

	private volatile int clients;

	boolean onDemand() {
		return this.onDemand;
	}

	void setOnDemand(boolean onDemand) {
		this.onDemand = onDemand;
	}

	void acquire() {
		this.clients++;
	}

	void release() {
		if (this.clients > 0) {
			this.clients--;
		}
	}

	/**
	 * Whether a sampler should run now: the mode asks for it and, on demand, a client
	 * watches.
	 */
	boolean wantsSampling(ProfilerSettings settings) {
		return settings.mode() != Mode.OFF && (!this.onDemand || this.clients > 0);
	}

}
