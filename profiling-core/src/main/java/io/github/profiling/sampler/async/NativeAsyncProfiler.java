package io.github.profiling.sampler.async;

import one.profiler.AsyncProfiler;

/**
 * The real async-profiler. The only class that names async-profiler's API: it is linked
 * only when loading is attempted, so an application without the (optional) jar still
 * starts.
 */
final class NativeAsyncProfiler implements AsyncProfilerLibrary {

	private final AsyncProfiler profiler;

	private NativeAsyncProfiler(AsyncProfiler profiler) {
		this.profiler = profiler;
	}

	/** Extracts and loads the native library for this platform (once per JVM). */
	static AsyncProfilerLibrary load() {
		return new NativeAsyncProfiler(AsyncProfiler.getInstance());
	}

	@Override
	public String execute(String command) throws Exception {
		return this.profiler.execute(command);
	}

	@Override
	public long samples() {
		return this.profiler.getSamples();
	}

	@Override
	public String version() {
		return this.profiler.getVersion();
	}

}
