package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code jdk} sampler when a thread goes on from one request to the next while its
 * stack is being taken: the stack may be either request's, so it must become neither's,
 * nor the stack later charged to the next request's route. The switch is made to happen
 * exactly then, from inside the stack walk, by a thread bean that wraps the JVM's.
 */
class JdkSamplerRequestSwitchTest {

	private static final Duration INTERVAL = Duration.ofMillis(10);

	private static final TagSet SLOW = TagSet.of("kind", "slow");

	private static final TagSet FAST = TagSet.of("kind", "fast");

	private final ProfilingContext context = new ProfilingContext(100, 1024);

	private final FrameTable frames = new FrameTable(10_000);

	private final List<Recorded> samples = new CopyOnWriteArrayList<>();

	/** Burns CPU in the slow request until told to go on. */
	static void slowWork(AtomicBoolean goOn) {
		while (!goOn.get()) {
			JdkSamplerTest.spinResult += System.nanoTime();
		}
	}

	/** Burns CPU in the fast request until told to end it. */
	static void fastWork(AtomicBoolean end) {
		while (!end.get()) {
			JdkSamplerTest.spinResult += System.nanoTime();
		}
	}

	@Test
	void aStackTakenWhileTheThreadSwitchedRequestsIsNeitherRequestsNorTheNextRoutes() throws Exception {
		AtomicBoolean goOn = new AtomicBoolean();
		CountDownLatch inFastRequest = new CountDownLatch(1);
		AtomicBoolean endFastRequest = new AtomicBoolean();
		CountDownLatch parked = new CountDownLatch(1);
		AtomicBoolean stop = new AtomicBoolean();
		int slowRequest = this.context.newRequestId();
		int fastRequest = this.context.newRequestId();
		Thread worker = new Thread(() -> {
			try (Scope slow = this.context.openScope(SLOW, null, slowRequest)) {
				slowWork(goOn);
			}
			try (Scope fast = this.context.openScope(FAST, null, fastRequest)) {
				inFastRequest.countDown();
				fastWork(endFastRequest);
			}
			parked.countDown();
			while (!stop.get()) {
				LockSupport.park();
			}
		}, "request-switch-worker");
		worker.setDaemon(true);
		worker.start();

		// The worker's CPU clock reads another interval at every reading, so that every
		// tick weighs it whatever the machine's load. Its first stack walk returns a
		// stack of the slow request once the worker runs the fast one, which lasts till
		// the next tick's first reading of the worker's clock: that tick finds it parked,
		// the fast request ended between two ticks with its stack never seen.
		ThreadMXBean real = ManagementFactory.getThreadMXBean();
		AtomicLong workerCpu = new AtomicLong();
		AtomicBoolean switched = new AtomicBoolean();
		AtomicLong readingsSinceSwitch = new AtomicLong();
		ThreadMXBean threads = (ThreadMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ThreadMXBean.class }, (proxy, method, args) -> {
					if (method.getName().equals("getThreadCpuTime") && args.length == 1
							&& (long) args[0] == worker.getId()) {
						// The switching tick reads it once more after the walk; the next
						// tick's reading is the second.
						if (switched.get() && readingsSinceSwitch.incrementAndGet() == 2) {
							endFastRequest.set(true);
							assertThat(parked.await(10, TimeUnit.SECONDS)).isTrue();
						}
						return workerCpu.addAndGet(INTERVAL.toNanos());
					}
					Object result;
					try {
						result = method.invoke(real, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					if (method.getName().equals("getThreadInfo") && args.length == 2
							&& contains((long[]) args[0], worker.getId()) && !switched.getAndSet(true)) {
						goOn.set(true);
						assertThat(inFastRequest.await(10, TimeUnit.SECONDS)).isTrue();
					}
					return result;
				});
		Sampler sampler = JdkSampler.start(new SamplerSettings(SamplingEvent.CPU, INTERVAL), this::record,
				new SamplerProvider.Environment(this.frames, this.context, ProfilingClock.SYSTEM), threads);
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (ofRequest(fastRequest).isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}
		finally {
			sampler.close();
			endFastRequest.set(true);
			stop.set(true);
			LockSupport.unpark(worker);
			worker.join(10_000);
		}

		int slowTags = this.context.tagSets().intern(SLOW);
		int fastTags = this.context.tagSets().intern(FAST);
		assertThat(switched).isTrue();
		// Its CPU is charged to the fast request, but not with the slow request's stack.
		List<Recorded> fast = ofRequest(fastRequest);
		assertThat(fast).as("samples of the fast request").isNotEmpty().allSatisfy((sample) -> {
			assertThat(sample.tagSetId()).isEqualTo(fastTags);
			assertThat(sample.stack()).doesNotContain("slowWork");
		});
		assertThat(this.samples).as("samples with the fast request's tags")
			.filteredOn((sample) -> sample.tagSetId() == fastTags)
			.allSatisfy((sample) -> assertThat(sample.stack()).doesNotContain("slowWork"));
		assertThat(this.samples).as("samples with the slow request's stack")
			.filteredOn((sample) -> sample.stack().contains("slowWork"))
			.allSatisfy((sample) -> assertThat(sample.tagSetId()).isIn(slowTags, TagSets.EMPTY_ID));
	}

	private void record(Sample sample) {
		if (!sample.threadName.equals("request-switch-worker")) {
			return;
		}
		StringBuilder stack = new StringBuilder();
		for (int i = 0; i < sample.depth; i++) {
			stack.append(this.frames.name(sample.frames[i])).append(';');
		}
		this.samples.add(new Recorded(sample.tagSetId, sample.requestId, stack.toString()));
	}

	private List<Recorded> ofRequest(int requestId) {
		return this.samples.stream().filter((sample) -> sample.requestId() == requestId).toList();
	}

	private static boolean contains(long[] ids, long id) {
		for (long each : ids) {
			if (each == id) {
				return true;
			}
		}
		return false;
	}

	private record Recorded(int tagSetId, int requestId, String stack) {
	}

}
