package io.github.profiling.sampler.async;

/**
 * Loads async-profiler's native library. Loading fails on an unsupported OS or
 * architecture, a musl libc, a temporary directory without write or exec access, or when
 * another class loader already loaded a copy; the failure becomes the reason shown in the
 * status.
 */
@FunctionalInterface
public interface AsyncProfilerLoader {

	AsyncProfilerLibrary load() throws Exception;

	/** The library of the {@code tools.profiler:async-profiler} jar on the class path. */
	static AsyncProfilerLoader fromClassPath() {
		return NativeAsyncProfiler::load;
	}

}
