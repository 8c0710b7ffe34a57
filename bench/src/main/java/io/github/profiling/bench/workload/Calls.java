package io.github.profiling.bench.workload;

/**
 * What the benchmarks trace (the whole package is traced in their tracing runs): an empty
 * method, and the original profiler's {@code shallow(100)} and {@code deep(100)}.
 */
public final class Calls {

	private Calls() {
	}

	public static void empty() {
	}

	/** A loop calling an empty method {@code calls} times. */
	public static void shallow(int calls) {
		for (int i = 0; i < calls; i++) {
			empty();
		}
	}

	/** A recursion {@code depth} deep. */
	public static int deep(int depth) {
		return (depth <= 1) ? 1 : 1 + deep(depth - 1);
	}

}
