package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.store.ProfileQuery;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocation samples weigh the bytes they stand for, so an {@code alloc} tree's unit is
 * bytes.
 */
class AllocationWeightTests {

	private static volatile Object sink;

	@Test
	void asyncAllocationSamplesAddUpToTheBytesAllocated() throws Exception {
		Profiler profiler = new Profiler(List.of(new AsyncProfilerSamplerProvider()), new ProfilingContext(100, 1000),
				ProfilingClock.SYSTEM, Duration.ofMinutes(1), 100_000);
		try {
			profiler.apply(new ProfilerSettings(Mode.SAMPLING, "async", SamplingEvent.ALLOC, Duration.ofMillis(10)));
			long allocated = 0;
			// 2 GiB in 64 KiB arrays: thousands of 512 KiB sampling intervals.
			for (int i = 0; i < 32_768; i++) {
				sink = new byte[65_536];
				allocated += 65_536;
			}
			long weight = 0;
			long deadline = System.nanoTime() + 15_000_000_000L;
			while (System.nanoTime() < deadline) {
				weight = profiler.query(ProfileQuery.all()).samples();
				if (weight >= allocated / 2) {
					break;
				}
				Thread.sleep(200);
			}
			// Each sample stands for the bytes allocated since the previous one, so the
			// sum
			// estimates what was allocated; other threads of the test JVM allocate a
			// little too.
			assertThat(weight).as("bytes sampled of %d allocated", allocated).isBetween(allocated / 2, allocated * 2);
		}
		finally {
			profiler.close();
		}
	}

}
