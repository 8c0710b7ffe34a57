package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.TagSet;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.async.AsyncProfilerLibrary;
import io.github.profiling.sampler.async.AsyncProfilerLoader;
import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagShare;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The async and jfr samplers in a plain JVM: samples arrive tagged by span matching
 * (nested user scopes included), perf_events being denied falls back to ctimer and says
 * so, a failed native load leaves {@code auto} on jfr, and nothing is left behind on
 * close.
 */
class SamplerBackendsTests {

	private static final TagSet REQUEST = TagSet.of(Map.of("http.route", "/work", "http.method", "GET"));

	// Recordings of this test's samplers only: other JVMs on the machine may sample too.
	@TempDir
	Path temporaryRoot;

	@Test
	void asyncFallsBackToCtimerWhenPerfEventsAreDeniedAndTagsNestedScopes() throws Exception {
		// async-profiler answers an engine the kernel denies with an
		// IllegalStateException.
		AsyncProfilerLoader deniesPerfEvents = () -> refusing(AsyncProfilerLoader.fromClassPath().load(),
				"event=cpu-clock", "Perf events unavailable");
		ProfilingContext context = new ProfilingContext(100, 1000);
		Profiler profiler = profiler(context, new AsyncProfilerSamplerProvider(deniesPerfEvents, this.temporaryRoot));
		try {
			profiler.apply(sampling("async"));
			ProfilerStatus status = profiler.status();
			assertThat(status.sampler()).isEqualTo("async");
			assertThat(status.samplers().get("async").reason()).contains("cpu via ctimer")
				.contains("perf_events unavailable: Perf events unavailable");
			assertNestedScopesTagged(context, profiler);
		}
		finally {
			profiler.close();
		}
		assertNoAsyncFilesLeft(this.temporaryRoot);
		// Every sample async-profiler counted reached the store, but for those it drops
		// itself while it writes a chunk out (a few milliseconds every half second, more
		// on a loaded machine): those count as dropped.
		assertThat(profiler.samplesTaken("async")).isGreaterThan(100);
		assertThat(profiler.droppedSamples("async")).isLessThanOrEqualTo(profiler.samplesTaken("async") * 5 / 100);
	}

	@ParameterizedTest
	@EnumSource(value = SamplingEvent.class, names = { "WALL", "ALLOC" })
	void asyncSamplesWallAndAllocationWithJavaFramesAndTags(SamplingEvent event) throws Exception {
		ProfilingContext context = new ProfilingContext(100, 1000);
		Profiler profiler = profiler(context,
				new AsyncProfilerSamplerProvider(AsyncProfilerLoader.fromClassPath(), this.temporaryRoot));
		try {
			profiler.apply(new ProfilerSettings(Mode.SAMPLING, "async", event, Duration.ofMillis(5)));
			Thread worker = new Thread(() -> {
				try (Scope request = context.openScope(REQUEST, null)) {
					allocateFor(1_500_000_000L);
				}
			}, "allocating-worker");
			worker.start();
			worker.join(60_000);
			long deadline = System.nanoTime() + 15_000_000_000L;
			while (samplesTagged(profiler, REQUEST) < 20 && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			assertThat(samplesTagged(profiler, REQUEST)).isGreaterThanOrEqualTo(20);
			io.github.profiling.store.QueryResult tagged = profiler
				.query(new ProfileQuery(io.github.profiling.store.Window.sinceStart(),
						io.github.profiling.store.TagFilter.parse(List.of("http.route:/work")), null,
						ProfileQuery.UNLIMITED_DEPTH, 0));
			String collapsed = io.github.profiling.export.CollapsedStacks.write(tagged);
			assertThat(collapsed).contains(SamplerBackendsTests.class.getName() + ".allocateFor");
		}
		finally {
			profiler.close();
		}
		assertNoAsyncFilesLeft(this.temporaryRoot);
	}

	static volatile Object kept;

	/** Allocates short-lived arrays for {@code nanos} of wall time. */
	static void allocateFor(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			kept = new long[4096];
		}
	}

	@Test
	void jfrTagsNestedScopes() throws Exception {
		ProfilingContext context = new ProfilingContext(100, 1000);
		Profiler profiler = profiler(context, new JfrSamplerProvider());
		try {
			profiler.apply(sampling("jfr"));
			assertNestedScopesTagged(context, profiler);
		}
		finally {
			profiler.close();
		}
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((t) -> t.getName().startsWith("profiling-sampler"));
	}

	@Test
	void failedNativeLoadLeavesAutoOnJfrWithTheReason() throws Exception {
		AsyncProfilerLoader fails = () -> {
			throw new UnsatisfiedLinkError("no libasyncProfiler.so for this platform (simulated)");
		};
		ProfilingContext context = new ProfilingContext(100, 1000);
		Profiler profiler = profiler(context, new AsyncProfilerSamplerProvider(fails), new JfrSamplerProvider(),
				new JdkSamplerProvider());
		try {
			profiler.apply(sampling("auto"));
			ProfilerStatus status = profiler.status();
			assertThat(status.sampler()).isEqualTo("jfr");
			assertThat(status.samplers().get("async").available()).isFalse();
			assertThat(status.samplers().get("async").reason()).contains("could not be loaded").contains("simulated");
			assertNestedScopesTagged(context, profiler);
			// Asked for by name now, it says why not instead of failing later.
			profiler.apply(sampling("jdk"));
			assertThat(profiler.status().samplers().get("async").available()).isFalse();
		}
		finally {
			profiler.close();
		}
	}

	/** Busy work in a request scope with a user scope inside: its samples carry both. */
	private static void assertNestedScopesTagged(ProfilingContext context, Profiler profiler) throws Exception {
		Thread worker = new Thread(() -> {
			try (Scope request = context.openScope(REQUEST, null)) {
				try (Scope tenant = context.openScope(TagSet.of("tenant", "acme"), null)) {
					busyForCpu(1_000_000_000L);
				}
			}
		}, "nested-scopes-worker");
		worker.start();
		worker.join(60_000);
		TagSet both = REQUEST.with(TagSet.of("tenant", "acme"));
		long tagged = 0;
		long deadline = System.nanoTime() + 15_000_000_000L;
		while (System.nanoTime() < deadline) {
			tagged = samplesTagged(profiler, both);
			if (tagged >= 50) {
				break;
			}
			Thread.sleep(200);
		}
		assertThat(tagged).as("samples tagged %s; all: %s", both, profiler.tagShares(ProfileQuery.all()))
			.isGreaterThanOrEqualTo(50);
	}

	private static long samplesTagged(Profiler profiler, TagSet tags) {
		List<TagShare> shares = profiler.tagShares(ProfileQuery.all());
		return shares.stream().filter((share) -> share.tags().equals(tags)).mapToLong(TagShare::samples).sum();
	}

	static void assertNoAsyncFilesLeft(Path temporaryRoot) {
		File[] left = temporaryRoot.toFile().listFiles((dir, name) -> name.startsWith("profiling-async-"));
		assertThat(left).as("temporary recordings left behind").isEmpty();
	}

	/**
	 * Runs until the thread used {@code cpuNanos} of CPU (the machine may be busy), at
	 * most 30 s.
	 */
	static long busyForCpu(long cpuNanos) {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long cpuEnd = threads.getCurrentThreadCpuTime() + cpuNanos;
		long wallEnd = System.nanoTime() + 30_000_000_000L;
		long x = 1;
		while (threads.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd) {
			for (int i = 0; i < 100_000; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
		}
		return x;
	}

	private static Profiler profiler(ProfilingContext context, SamplerProvider... providers) {
		return new Profiler(List.of(providers), context, ProfilingClock.SYSTEM, Duration.ofMinutes(1), 10_000);
	}

	private static ProfilerSettings sampling(String sampler) {
		return new ProfilerSettings(Mode.SAMPLING, sampler, SamplingEvent.CPU, Duration.ofMillis(5));
	}

	private static AsyncProfilerLibrary refusing(AsyncProfilerLibrary real, String commandPart, String message) {
		return new AsyncProfilerLibrary() {

			@Override
			public String execute(String command) throws Exception {
				if (command.contains(commandPart)) {
					throw new IllegalStateException(message);
				}
				return real.execute(command);
			}

			@Override
			public long samples() {
				return real.samples();
			}

			@Override
			public String version() {
				return real.version();
			}

		};
	}

}
