package io.github.profiling.bench;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.SpanTimeline;
import io.github.profiling.context.TagSet;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every request pays on its own thread while a sampler runs: a scope opened and
 * closed with the request's tags, and, while a late sampler ({@code async}, {@code jfr})
 * runs, the span that the scope's close records for it. Run with {@code -t 2} as well:
 * requests close their spans concurrently.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class ScopeBenchmarks {

	private static final TagSet REQUEST = TagSet.of(Map.of("http.method", "GET", "http.route", "/orders/{id}"));

	/** Whether spans are recorded, as they are while async or jfr samples. */
	@Param({ "false", "true" })
	public boolean spans;

	private ProfilingContext context;

	private SpanTimeline.SpanRecording recording;

	@Setup
	public void setUp() {
		this.context = new ProfilingContext(100, 100_000);
		if (this.spans) {
			this.recording = this.context.spans().startRecording();
		}
	}

	@TearDown
	public void tearDown() {
		if (this.recording != null) {
			this.recording.close();
		}
	}

	@Benchmark
	public int openAndCloseRequestScope() {
		try (Scope scope = this.context.openScope(REQUEST, null)) {
			return scope.hashCode();
		}
	}

}
