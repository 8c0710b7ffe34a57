package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.TagSet;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.TagShare;
import io.github.profiling.testing.Trees;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code jdk} sampler, run through a {@link Profiler} as applications run it. Waits
 * are bounded polls, so a busy machine makes the tests slower, not flaky.
 */
class JdkSamplerTest {

	private static final String SAMPLER_THREAD = "profiling-sampler-jdk";

	private static final String SPIN_HOT = JdkSamplerTest.class.getName() + ".spinHot";

	private static final Duration INTERVAL = Duration.ofMillis(10);

	private static final ProfilerSettings CPU = new ProfilerSettings(Mode.SAMPLING, JdkSamplerProvider.NAME,
			SamplingEvent.CPU, INTERVAL);

	private static final long WAIT_NANOS = Duration.ofSeconds(10).toNanos();

	/** Enough weight for a clear picture: half a second of CPU at 10 ms. */
	private static final long ENOUGH = 50;

	private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

	/** Where the spinning threads keep their result, so the JIT cannot drop the work. */
	static volatile long spinResult;

	private final ProfilingContext context = new ProfilingContext(1000, 1024);

	private final Profiler profiler = new Profiler(List.of(new JdkSamplerProvider()), this.context,
			ProfilingClock.SYSTEM, Duration.ofMinutes(5), 1_000_000);

	private final AtomicBoolean stop = new AtomicBoolean();

	private final List<Thread> workers = new ArrayList<>();

	@AfterEach
	void stopEverything() throws InterruptedException {
		this.profiler.close();
		this.stop.set(true);
		for (Thread worker : this.workers) {
			LockSupport.unpark(worker);
			worker.join(10_000);
		}
	}

	/** Burns CPU in this method until told to stop. */
	static long spinHot(AtomicBoolean stop) {
		return spinHot(stop, Long.MAX_VALUE);
	}

	/** Burns CPU in this method for {@code rounds} rounds, or until told to stop. */
	static long spinHot(AtomicBoolean stop, long rounds) {
		long x = System.nanoTime();
		for (long round = 0; round < rounds && !stop.get(); round++) {
			for (int i = 0; i < 100_000; i++) {
				x = x * 6364136223846793005L + 1442695040888963407L;
				x ^= x >>> 29;
			}
			spinResult = x;
		}
		return x;
	}

	/** Waits without using CPU until told to stop. */
	static void parkQuietly(AtomicBoolean stop) {
		while (!stop.get()) {
			LockSupport.park();
		}
	}

	private String startWorker(String role, Runnable work) {
		String name = "jdk-sampler-test-" + role + "-" + THREAD_NUMBER.incrementAndGet();
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		this.workers.add(thread);
		thread.start();
		return name;
	}

	private String startSpinner() {
		return startWorker("spinner", () -> spinHot(this.stop));
	}

	private QueryResult queryThread(String thread) {
		return this.profiler.query(new ProfileQuery(null, null, thread, ProfileQuery.UNLIMITED_DEPTH, 0));
	}

	private long weightOfThread(String thread) {
		return queryThread(thread).samples();
	}

	/**
	 * Polls every 100 ms, for at most 10 s, until {@code condition} holds; returns the
	 * last value.
	 */
	private static long await(String what, LongSupplier value, LongPredicate condition) {
		long deadline = System.nanoTime() + WAIT_NANOS;
		long current = value.getAsLong();
		while (!condition.test(current)) {
			if (System.nanoTime() - deadline > 0) {
				fail("timed out waiting for " + what + "; last value " + current);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted waiting for " + what);
			}
			current = value.getAsLong();
		}
		return current;
	}

	private static List<Thread> samplerThreads() {
		List<Thread> threads = new ArrayList<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && SAMPLER_THREAD.equals(thread.getName())) {
				threads.add(thread);
			}
		}
		return threads;
	}

	@Test
	void aSpinningThreadSpendsItsProfileInTheSpinningMethod() {
		this.profiler.apply(CPU);
		assertThat(this.profiler.activeSampler()).isEqualTo("jdk");
		String spinner = startSpinner();

		long total = await("weight of the spinning thread", () -> weightOfThread(spinner), (w) -> w >= ENOUGH);

		QueryResult result = queryThread(spinner);
		Trees.assertInvariants(result.tree());
		long inSpinHot = Trees.deepOfFrame(result.tree(), result.frames(), SPIN_HOT);
		assertThat(inSpinHot).as("weight in %s of %d", SPIN_HOT, result.samples())
			.isGreaterThan(result.samples() * 9 / 10);
		assertThat(total).isLessThanOrEqualTo(result.samples());
	}

	@Test
	void aParkedThreadWeighsNothingUnderCpu() {
		this.profiler.apply(CPU);
		String parker = startWorker("parker", () -> parkQuietly(this.stop));
		String spinner = startSpinner();

		long spinning = await("weight of the spinning thread", () -> weightOfThread(spinner), (w) -> w >= ENOUGH);

		assertThat(weightOfThread(parker)).isLessThan(spinning / 20);
	}

	@Test
	void aParkedThreadShowsUnderWall() {
		this.profiler.apply(CPU.withEvent(SamplingEvent.WALL));
		String parker = startWorker("parker", () -> parkQuietly(this.stop));

		long parked = await("weight of the parked thread", () -> weightOfThread(parker), (w) -> w >= ENOUGH);

		QueryResult result = queryThread(parker);
		long inPark = Trees.deepOfFrame(result.tree(), result.frames(),
				JdkSamplerTest.class.getName() + ".parkQuietly");
		assertThat(inPark).as("weight in parkQuietly of %d", parked).isGreaterThan(result.samples() / 2);
	}

	@Test
	void samplesCarryTheTagsOfTheScopeTheThreadIsIn() {
		// Open and close a scope first, so the worker opens its own at once.
		this.context.openScope(TagSet.of("warm", "up"), null).close();
		this.profiler.apply(CPU);
		String tagged = startWorker("tagged", () -> {
			try (Scope scope = this.context.openScope(TagSet.of("job", "x"), null)) {
				spinHot(this.stop);
			}
		});
		TagFilter jobX = TagFilter.parse(List.of("job:x"));

		long weight = await("weight tagged job=x",
				() -> this.profiler.query(new ProfileQuery(null, jobX, tagged, ProfileQuery.UNLIMITED_DEPTH, 0))
					.samples(),
				(w) -> w >= ENOUGH);

		// Every sample of the thread is tagged, and only its samples carry the tag.
		this.profiler.apply(CPU.withMode(Mode.OFF));
		long taggedWeight = this.profiler.query(new ProfileQuery(null, jobX, null, ProfileQuery.UNLIMITED_DEPTH, 0))
			.samples();
		assertThat(taggedWeight).isGreaterThanOrEqualTo(weight).isEqualTo(weightOfThread(tagged));
		List<TagShare> shares = this.profiler
			.tagShares(new ProfileQuery(null, null, tagged, ProfileQuery.UNLIMITED_DEPTH, 0));
		assertThat(shares).extracting(TagShare::tags).containsExactly(TagSet.of("job", "x"));
	}

	@Test
	void aProfilerNeverStartedCreatesNoSamplerThread() {
		Profiler idle = new Profiler(List.of(new JdkSamplerProvider()), new ProfilingContext(10, 16),
				ProfilingClock.SYSTEM, Duration.ofMinutes(1), 1000);
		idle.apply(ProfilerSettings.DEFAULTS);
		assertThat(idle.isRunning()).isFalse();
		assertThat(samplerThreads()).isEmpty();
		idle.close();
		assertThat(samplerThreads()).isEmpty();
	}

	@Test
	void modeOffAndCloseLeaveNoSamplerThread() {
		this.profiler.apply(CPU);
		assertThat(samplerThreads()).hasSize(1);
		String spinner = startSpinner();
		long collected = await("weight of the spinning thread", () -> weightOfThread(spinner), (w) -> w > 0);

		this.profiler.apply(CPU.withMode(Mode.OFF));
		assertThat(samplerThreads()).isEmpty();
		assertThat(this.profiler.isRunning()).isFalse();
		assertThat(this.profiler.status().running()).isFalse();
		// The data stays readable.
		assertThat(weightOfThread(spinner)).isGreaterThanOrEqualTo(collected);

		this.profiler.apply(CPU);
		assertThat(samplerThreads()).hasSize(1);
		this.profiler.close();
		assertThat(samplerThreads()).isEmpty();
		assertThat(this.profiler.settings().mode()).isEqualTo(Mode.OFF);
		this.profiler.close();
		assertThat(samplerThreads()).isEmpty();
	}

	@Test
	void changingIntervalOrEventStartsANewRecordingWithOneSamplerThread() {
		this.profiler.apply(CPU);
		String spinner = startSpinner();
		await("weight of the spinning thread", () -> weightOfThread(spinner), (w) -> w >= 10);
		Thread first = samplerThreads().get(0);

		// The same settings again change nothing: the data goes on.
		long before = this.profiler.totalWeight();
		this.profiler.apply(CPU);
		assertThat(samplerThreads()).containsExactly(first);
		assertThat(this.profiler.totalWeight()).isGreaterThanOrEqualTo(before);

		this.profiler.apply(CPU.withInterval(Duration.ofMillis(20)));
		assertThat(samplerThreads()).hasSize(1).doesNotContain(first);
		assertThat(this.profiler.status().intervalMillis()).isEqualTo(20);
		assertThat(this.profiler.recording().interval()).isEqualTo(Duration.ofMillis(20));
		await("weight after changing the interval", () -> this.profiler.totalWeight(), (w) -> w > 0);

		this.profiler.apply(CPU.withInterval(Duration.ofMillis(20)).withEvent(SamplingEvent.WALL));
		assertThat(samplerThreads()).hasSize(1);
		assertThat(this.profiler.status().event()).isEqualTo("wall");
		assertThat(this.profiler.recording().event()).isEqualTo("wall");
		await("weight after changing the event", () -> this.profiler.totalWeight(), (w) -> w > 0);
		assertThat(this.profiler.status().running()).isTrue();
	}

	@Test
	void ticksLongerThanTheIntervalAreNamedInTheStatusNotDroppedSilently() throws Exception {
		// Many threads: a wall tick walks every stack, which takes far longer than 1 ms.
		ProfilerSettings wall = new ProfilerSettings(Mode.SAMPLING, JdkSamplerProvider.NAME, SamplingEvent.WALL,
				INTERVAL);
		for (int i = 0; i < 1_500; i++) {
			Thread parked = new Thread(() -> parkDeep(40), "parked-" + i);
			parked.setDaemon(true);
			parked.start();
			this.workers.add(parked);
		}
		this.profiler.apply(wall.withInterval(Duration.ofMillis(1)));
		long deadline = System.nanoTime() + WAIT_NANOS;
		while (!jdkReason().contains("of its ticks") && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(jdkReason()).contains("; now missing")
			.contains("of its ticks")
			.contains("longer than the 1 ms interval");
		ProfilerStatus status = this.profiler.status();
		assertThat(status.droppedSamples()).isPositive();
		// The sampler works, as fast as the threads let it: not a breakdown.
		assertThat(status.state()).isEqualTo(ProfilerStatus.RUNNING);

		// At an interval a tick fits in, nothing is missed and nothing is said.
		this.profiler.apply(wall.withInterval(Duration.ofMillis(500)));
		Thread.sleep(2_500);
		assertThat(jdkReason()).doesNotContain("of its ticks");
	}

	@Test
	void ticksThatRunLateStillWeighEveryIntervalTheThreadsRan() throws Exception {
		// Many threads make every tick read many CPU clocks: at 1 ms the ticks run late,
		// and a thread that ran throughout crossed more than one interval between two.
		for (int i = 0; i < 1_500; i++) {
			Thread parked = new Thread(() -> parkDeep(40), "parked-" + i);
			parked.setDaemon(true);
			parked.start();
			this.workers.add(parked);
		}
		this.profiler.apply(CPU.withInterval(Duration.ofMillis(1)));
		AtomicBoolean spinning = new AtomicBoolean(true);
		long[] cpuNanos = new long[1];
		CountDownLatch done = new CountDownLatch(1);
		String spinner = startWorker("late-ticks", () -> {
			long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (System.nanoTime() < end) {
				spinResult += spinHot(spinning, 1);
			}
			cpuNanos[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
			done.countDown();
			parkQuietly(this.stop);
		});
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		long intervals = cpuNanos[0] / Duration.ofMillis(1).toNanos();
		// The ticks after the spinner parked weigh what it ran last.
		long weight = await("the weight of the spinner's CPU", () -> weightOfThread(spinner),
				(w) -> w >= intervals * 9 / 10);
		Thread.sleep(500);
		assertThat(weightOfThread(spinner)).as("weight for %d intervals of CPU", intervals)
			.isBetween(weight, intervals);
	}

	private String jdkReason() {
		return this.profiler.status().samplers().get(JdkSamplerProvider.NAME).reason();
	}

	private void parkDeep(int depth) {
		if (depth > 0) {
			parkDeep(depth - 1);
			return;
		}
		while (!this.stop.get()) {
			LockSupport.park(this);
		}
	}

}
