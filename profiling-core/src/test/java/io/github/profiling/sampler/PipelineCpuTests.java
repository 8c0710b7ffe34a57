package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.sampler.async.AsyncProfilerLoader;
import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CPU of a sampler's machinery: exactly its threads' CPU since it started, for every
 * sampler, and nothing after it stopped.
 */
class PipelineCpuTests {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@TempDir
	Path temporaryRoot;

	@Test
	void countsTheNamedThreadsFromTheStartOnlyAndNoOtherThread() throws Exception {
		CountDownLatch counted = new CountDownLatch(1);
		CountDownLatch measured = new CountDownLatch(1);
		long[] cpuAtStart = new long[1];
		long[] cpuAtEnd = new long[1];
		Thread machinery = new Thread(() -> {
			burn(100);
			try {
				counted.await();
			}
			catch (InterruptedException ex) {
				return;
			}
			cpuAtStart[0] = THREADS.getCurrentThreadCpuTime();
			burn(300);
			cpuAtEnd[0] = THREADS.getCurrentThreadCpuTime();
			measured.countDown();
			// Parked, not ended: its CPU is read while it lives.
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				// Done.
			}
		}, "pipeline-test-machinery");
		Thread other = new Thread(() -> burn(300), "unrelated-thread");
		machinery.start();
		Thread.sleep(300);
		PipelineCpu cpu = new PipelineCpu(new Thread("never-started"), "pipeline-test-");
		counted.countDown();
		other.start();
		measured.await();
		other.join();
		try {
			long expected = cpuAtEnd[0] - cpuAtStart[0];
			assertThat(expected).isGreaterThan(Duration.ofMillis(100).toNanos());
			// The CPU from before the start is left out, up to the few instructions
			// between
			// the start and the first clock read of the thread.
			assertThat(cpu.nanos()).isBetween(expected, expected + Duration.ofMillis(20).toNanos());
			cpu.stop();
			long stopped = cpu.nanos();
			burnOn(machinery);
			assertThat(cpu.nanos()).as("nothing counted after stop").isEqualTo(stopped);
		}
		finally {
			machinery.interrupt();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "jfr", "async" })
	void everySamplerCountsItsMachinery(String sampler) throws Exception {
		Profiler profiler = new Profiler(
				List.of(new JdkSamplerProvider(), new JfrSamplerProvider(),
						new AsyncProfilerSamplerProvider(AsyncProfilerLoader.fromClassPath(), this.temporaryRoot)),
				new ProfilingContext(100, 1000), ProfilingClock.SYSTEM, Duration.ofMinutes(1), 10_000);
		try {
			profiler.apply(new ProfilerSettings(Mode.SAMPLING, sampler, SamplingEvent.CPU, Duration.ofMillis(10)));
			assertThat(profiler.status().sampler()).isEqualTo(sampler);
			Thread busy = new Thread(() -> burn(2_000), "busy");
			busy.start();
			busy.join();
			assertThat(profiler.cpuTimeNanos()).as("CPU of the %s sampler's machinery", sampler).isPositive();
			profiler.apply(new ProfilerSettings(Mode.OFF, sampler, SamplingEvent.CPU, Duration.ofMillis(10)));
			long afterStop = profiler.cpuTimeNanos();
			Thread more = new Thread(() -> burn(300), "busy");
			more.start();
			more.join();
			assertThat(profiler.cpuTimeNanos()).as("kept once stopped, and no more").isEqualTo(afterStop);
		}
		finally {
			profiler.close();
		}
	}

	private static void burnOn(Thread thread) throws InterruptedException {
		// The machinery thread sleeps; an unrelated thread of the same name prefix burns.
		Thread same = new Thread(() -> burn(100), thread.getName() + "-2");
		same.start();
		same.join();
	}

	private static void burn(long millis) {
		long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
		long x = 0;
		while (System.nanoTime() < end) {
			x += x * 31 + 7;
		}
		if (x == 42) {
			System.out.println(x);
		}
	}

}
