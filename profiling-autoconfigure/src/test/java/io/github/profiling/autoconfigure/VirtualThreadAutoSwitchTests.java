package io.github.profiling.autoconfigure;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.TagSet;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.sampler.async.AsyncProfilerLoader;
import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that runs its work on virtual threads without saying so in its
 * configuration: the first scope opened on a virtual thread moves {@code auto} from
 * async-profiler, which sees only carrier threads, to JFR, which sees virtual threads as
 * themselves. Needs a JDK 21+ (the build runs it on {@code virtual-threads.jdk}).
 */
class VirtualThreadAutoSwitchTests {

	@TempDir
	Path temporaryRoot;

	@Test
	void firstScopeOnAVirtualThreadMovesAutoToJfr() throws Exception {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
		ProfilingContext context = new ProfilingContext(100, 1000);
		Profiler profiler = new Profiler(
				List.of(new AsyncProfilerSamplerProvider(AsyncProfilerLoader.fromClassPath(), this.temporaryRoot),
						new JfrSamplerProvider()),
				context, ProfilingClock.SYSTEM, Duration.ofMinutes(1), 10_000);
		try {
			profiler.apply(new ProfilerSettings(Mode.SAMPLING, "auto", SamplingEvent.CPU, Duration.ofMillis(10)));
			assertThat(profiler.activeSampler()).isEqualTo("async");
			// Scopes on platform threads say nothing of virtual threads.
			Thread platform = new Thread(() -> context.openScope(TagSet.of("k", "v"), null).close());
			platform.start();
			platform.join();
			Thread.sleep(200);
			assertThat(profiler.activeSampler()).isEqualTo("async");

			Runnable inScope = () -> {
				try (Scope scope = context.openScope(TagSet.of("http.route", "/work"), null)) {
					Thread.onSpinWait();
				}
			};
			// Compiled for Java 17: Thread.startVirtualThread is looked up.
			Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
				.invoke(null, inScope);
			virtual.join();
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (!"jfr".equals(profiler.activeSampler()) && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(profiler.activeSampler()).isEqualTo("jfr");
			assertThat(profiler.status().samplers().get("async").reason()).startsWith(
					"not chosen by auto: requests run on virtual threads (request scopes open on virtual threads)");
		}
		finally {
			profiler.close();
		}
	}

}
