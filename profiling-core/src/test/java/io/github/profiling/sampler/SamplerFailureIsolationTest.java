package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.SampleSink;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure inside the pipeline (here: the store throwing) is caught, counted, and
 * sampling goes on.
 */
class SamplerFailureIsolationTest {

	@Test
	void aThrowingSinkIsCountedAndSamplingGoesOn() throws Exception {
		AtomicLong accepted = new AtomicLong();
		AtomicLong calls = new AtomicLong();
		// Every third delivery fails, as a broken store would.
		SampleSink flaky = (sample) -> {
			if (calls.incrementAndGet() % 3 == 0) {
				throw new IllegalStateException("store broke");
			}
			accepted.incrementAndGet();
		};
		Thread busy = new Thread(() -> {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			double x = 0;
			while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
				x += Math.sqrt(x + 1);
			}
		}, "busy-for-failure-test");
		busy.start();
		Sampler sampler = new JdkSamplerProvider().start(new SamplerSettings(SamplingEvent.WALL, Duration.ofMillis(5)),
				flaky, new SamplerProvider.Environment(new FrameTable(10_000), new ProfilingContext(100, 100),
						ProfilingClock.SYSTEM));
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while ((sampler.errors() < 5 || accepted.get() < 50) && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(sampler.errors()).isGreaterThanOrEqualTo(5);
			assertThat(sampler.lastError()).contains("store broke");
			long acceptedBefore = accepted.get();
			assertThat(acceptedBefore).isGreaterThanOrEqualTo(50);
			long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (accepted.get() == acceptedBefore && System.nanoTime() < wait) {
				Thread.sleep(20);
			}
			assertThat(accepted.get()).as("sampling goes on after failures").isGreaterThan(acceptedBefore);
		}
		finally {
			sampler.close();
			busy.interrupt();
			busy.join();
		}
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((t) -> t.getName().equals("profiling-sampler-jdk"));
	}

}
