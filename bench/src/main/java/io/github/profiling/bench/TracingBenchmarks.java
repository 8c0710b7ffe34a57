package io.github.profiling.bench;

import io.github.profiling.bench.workload.Calls;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.SamplerProviders;
import io.github.profiling.tracing.TracingTargets;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of tracing a call. Each benchmark runs with the profiler
 * <ul>
 * <li>{@code off}: never traced, the uninstrumented baseline;</li>
 * <li>{@code tracing}: {@code mode=tracing} on the workload's package, calls recorded
 * into the store as in an application;</li>
 * <li>{@code off-after-tracing}: traced, then switched off: the instrumentation is
 * removed, so this should match {@code off}.</li>
 * </ul>
 * {@code emptyCall} is one call of an empty method; {@code shallow100} and
 * {@code deep100} are the original profiler's benchmarks (101 and 100 traced calls).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracingBenchmarks {

	@Param({ "off", "tracing", "off-after-tracing" })
	public String profiler;

	private Profiler running;

	@Setup(Level.Trial)
	public void startProfiler() {
		this.running = new Profiler(SamplerProviders.installed(), new ProfilingContext(1000, 1000),
				ProfilingClock.SYSTEM, Duration.ofMinutes(1), 100_000);
		this.running.setTracingTargets(new TracingTargets(List.of(Calls.class.getPackageName() + ".**"), List.of()));
		if (!"off".equals(this.profiler)) {
			this.running.apply(ProfilerSettings.DEFAULTS.withMode(Mode.TRACING));
			String problem = this.running.status().problem();
			if (problem != null || !this.running.isRunning()) {
				throw new IllegalStateException("tracing did not start: " + problem);
			}
		}
		if ("off-after-tracing".equals(this.profiler)) {
			// Warm the traced code first, so that removing the instrumentation has
			// compiled code to replace.
			for (int i = 0; i < 100_000; i++) {
				Calls.shallow(10);
			}
			this.running.apply(ProfilerSettings.DEFAULTS.withMode(Mode.OFF));
		}
	}

	@TearDown(Level.Trial)
	public void stopProfiler() {
		if ("tracing".equals(this.profiler)
				&& this.running.query(io.github.profiling.store.ProfileQuery.all()).tree().size() < 2) {
			throw new IllegalStateException("tracing recorded no call: the benchmark measured nothing traced");
		}
		this.running.close();
	}

	@Benchmark
	public void emptyCall() {
		Calls.empty();
	}

	@Benchmark
	public void shallow100() {
		Calls.shallow(100);
	}

	@Benchmark
	public int deep100() {
		return Calls.deep(100);
	}

}
