package io.github.profiling.profiler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerFailures;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerProvider.Availability;
import io.github.profiling.sampler.SamplerProvider.Environment;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.Recording;
import io.github.profiling.testing.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Settings, sampler choice and status of the profiler, with samplers that run no thread.
 */
class ProfilerTest {

	private final ManualClock clock = new ManualClock(1_000 * ManualClock.SECOND);

	private final ProfilingContext context = new ProfilingContext(100, 64);

	private static final ProfilerSettings SAMPLING = ProfilerSettings.DEFAULTS.withMode(Mode.SAMPLING);

	/** A sampler that delivers what the test tells it to. */
	private static final class FakeSampler implements Sampler {

		final SamplerSettings settings;

		final SampleSink sink;

		final Environment environment;

		boolean closed;

		long dropped;

		volatile String degradedReason;

		final SamplerFailures failures = new SamplerFailures();

		FakeSampler(SamplerSettings settings, SampleSink sink, Environment environment) {
			this.settings = settings;
			this.sink = sink;
			this.environment = environment;
		}

		void deliver(long timeNanos, long weight, String... frames) {
			int[] stack = new int[frames.length];
			for (int i = 0; i < frames.length; i++) {
				stack[i] = this.environment.frames().intern(frames[i]);
			}
			this.sink.accept(new Sample().set(1, "main", timeNanos, stack, weight, 0));
		}

		@Override
		public long droppedSamples() {
			return this.dropped;
		}

		@Override
		public SamplerFailures failures() {
			return this.failures;
		}

		@Override
		public String degradedReason() {
			return this.degradedReason;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	private static final class FakeProvider implements SamplerProvider {

		final String name;

		final boolean available;

		final Set<SamplingEvent> events;

		final boolean failsToStart;

		final List<FakeSampler> started = new ArrayList<>();

		boolean seesVirtualThreads = true;

		// When set, start() waits for it: a switch that takes long, as instrumenting
		// classes does.
		volatile CountDownLatch startGate;

		final CountDownLatch startEntered = new CountDownLatch(1);

		FakeProvider(String name, boolean available, Set<SamplingEvent> events, boolean failsToStart) {
			this.name = name;
			this.available = available;
			this.events = events;
			this.failsToStart = failsToStart;
		}

		static FakeProvider working(String name) {
			return new FakeProvider(name, true, Set.of(SamplingEvent.CPU, SamplingEvent.WALL), false);
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Availability availability() {
			return this.available ? Availability.yes(this.name + " works") : Availability.no(this.name + " is missing");
		}

		@Override
		public boolean supports(SamplingEvent event) {
			return this.events.contains(event);
		}

		@Override
		public boolean seesVirtualThreads() {
			return this.seesVirtualThreads;
		}

		@Override
		public Sampler start(SamplerSettings settings, SampleSink sink, Environment environment) throws Exception {
			if (this.failsToStart) {
				throw new IllegalStateException(this.name + " broke");
			}
			this.startEntered.countDown();
			if (this.startGate != null) {
				this.startGate.await();
			}
			FakeSampler sampler = new FakeSampler(settings, sink, environment);
			this.started.add(sampler);
			return sampler;
		}

		FakeSampler last() {
			return this.started.get(this.started.size() - 1);
		}

	}

	private Profiler profiler(SamplerProvider... providers) {
		return new Profiler(List.of(providers), this.context, this.clock, Duration.ofMinutes(1), 1000);
	}

	@Test
	void startsOffAndRunsNothing() {
		FakeProvider a = FakeProvider.working("a");
		Profiler profiler = profiler(a);
		assertThat(profiler.settings()).isEqualTo(ProfilerSettings.DEFAULTS);
		assertThat(profiler.isRunning()).isFalse();
		profiler.apply(ProfilerSettings.DEFAULTS);
		assertThat(a.started).isEmpty();
		assertThat(profiler.status().running()).isFalse();
		assertThat(profiler.status().sampler()).isNull();
	}

	@Test
	void autoPicksTheFirstAvailableSamplerOfTheEvent() {
		FakeProvider missing = new FakeProvider("missing", false, Set.of(SamplingEvent.CPU), false);
		FakeProvider wallOnly = new FakeProvider("wallOnly", true, Set.of(SamplingEvent.WALL), false);
		FakeProvider cpu = FakeProvider.working("cpu");
		Profiler profiler = profiler(missing, wallOnly, cpu);

		profiler.apply(SAMPLING);
		assertThat(profiler.activeSampler()).isEqualTo("cpu");
		assertThat(cpu.last().settings).isEqualTo(new SamplerSettings(SamplingEvent.CPU, Duration.ofMillis(10)));

		profiler.apply(SAMPLING.withEvent(SamplingEvent.WALL));
		assertThat(profiler.activeSampler()).isEqualTo("wallOnly");
		assertThat(cpu.last().closed).isTrue();
		assertThat(profiler.samplerNames()).containsExactly("auto", "missing", "wallOnly", "cpu");
	}

	@Test
	void onVirtualThreadsAutoSwitchesToASamplerThatSeesThemInANewRecordingAndSaysWhy() throws Exception {
		FakeProvider carrierOnly = FakeProvider.working("carrierOnly");
		carrierOnly.seesVirtualThreads = false;
		FakeProvider sees = FakeProvider.working("sees");
		Profiler profiler = profiler(carrierOnly, sees);
		profiler.apply(SAMPLING);
		assertThat(profiler.activeSampler()).isEqualTo("carrierOnly");
		assertThat(profiler.status().samplers().get("carrierOnly").reason()).isEqualTo("carrierOnly works");
		carrierOnly.last().deliver(this.clock.nanoTime(), 3, "main", "work");

		profiler.servesVirtualThreads("spring.threads.virtual.enabled=true");
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!"sees".equals(profiler.activeSampler()) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(profiler.activeSampler()).isEqualTo("sees");
		assertThat(carrierOnly.last().closed).isTrue();
		// The carrier's samples are not added to the virtual threads' own.
		assertThat(profiler.recording().sampler()).isEqualTo("sees");
		assertThat(profiler.status().samples()).isZero();
		sees.last().deliver(this.clock.nanoTime(), 2, "main", "work");
		assertThat(profiler.status().samples()).isEqualTo(2);
		Availability skipped = profiler.status().samplers().get("carrierOnly");
		assertThat(skipped.available()).isTrue();
		assertThat(skipped.reason()).startsWith("not chosen by auto: requests run on virtual threads")
			.contains("spring.threads.virtual.enabled=true")
			.contains("carrier threads")
			.endsWith("carrierOnly works");

		// Chosen by name it runs, and says nothing of auto.
		profiler.apply(SAMPLING.withSampler("carrierOnly"));
		assertThat(profiler.activeSampler()).isEqualTo("carrierOnly");
		assertThat(profiler.status().samplers().get("carrierOnly").reason()).isEqualTo("carrierOnly works");
		// And auto picks the one that sees them from the start now.
		profiler.apply(SAMPLING);
		assertThat(profiler.activeSampler()).isEqualTo("sees");
	}

	@Test
	void aDegradedSamplerShowsInTheStateWithItsReason() {
		FakeProvider a = FakeProvider.working("a");
		Profiler profiler = profiler(a);
		assertThat(profiler.status().state()).isEqualTo(ProfilerStatus.OFF);
		profiler.apply(SAMPLING);
		assertThat(profiler.status().state()).isEqualTo(ProfilerStatus.RUNNING);
		a.last().degradedReason = "its directory was removed";
		ProfilerStatus status = profiler.status();
		assertThat(status.state()).isEqualTo(ProfilerStatus.DEGRADED);
		assertThat(status.degradedReason()).isEqualTo("its directory was removed");
		assertThat(status.running()).isTrue();
		a.last().degradedReason = null;
		assertThat(profiler.status().state()).isEqualTo(ProfilerStatus.RUNNING);
		assertThat(profiler.status().degradedReason()).isNull();
	}

	@Test
	void autoFallsBackWhenASamplerFailsToStartAndSaysWhy() {
		FakeProvider broken = new FakeProvider("broken", true, Set.of(SamplingEvent.CPU), true);
		FakeProvider fallback = FakeProvider.working("fallback");
		Profiler profiler = profiler(broken, fallback);

		profiler.apply(SAMPLING);

		assertThat(profiler.activeSampler()).isEqualTo("fallback");
		ProfilerStatus status = profiler.status();
		assertThat(status.samplers().get("broken").available()).isFalse();
		assertThat(status.samplers().get("broken").reason()).contains("broken broke");
		assertThat(status.samplers().get("fallback").available()).isTrue();
		assertThat(status.problem()).isNull();
	}

	@Test
	void whenNoSamplerStartsTheStatusTellsTheProblem() {
		Profiler profiler = profiler(new FakeProvider("broken", true, Set.of(SamplingEvent.CPU), true));
		profiler.apply(SAMPLING);
		assertThat(profiler.isRunning()).isFalse();
		assertThat(profiler.status().problem()).contains("no sampler could start").contains("broken broke");
	}

	@Test
	void invalidSettingsNameTheirParameterAndKeepThePreviousSampler() {
		FakeProvider a = new FakeProvider("a", true, Set.of(SamplingEvent.CPU), false);
		FakeProvider absent = new FakeProvider("absent", false, Set.of(SamplingEvent.CPU), false);
		Profiler profiler = profiler(a, absent);
		profiler.apply(SAMPLING);
		FakeSampler running = a.last();

		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> profiler.apply(SAMPLING.withSampler("nope")))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("sampler"))
			.withMessageContaining("'nope'");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> profiler.apply(SAMPLING.withSampler("absent")))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("sampler"))
			.withMessageContaining("absent is missing");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> profiler.apply(SAMPLING.withSampler("a").withEvent(SamplingEvent.ALLOC)))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("event"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> profiler.apply(SAMPLING.withEvent(SamplingEvent.LOCK)))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("event"));
		// Tracing without classes to trace has nothing to do.
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> profiler.apply(SAMPLING.withMode(Mode.TRACING)))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("tracing.include"))
			.withMessageContaining("tracing.include");

		assertThat(profiler.settings()).isEqualTo(SAMPLING);
		assertThat(running.closed).isFalse();
		assertThat(a.started).containsExactly(running);
	}

	@Test
	void aSwitchToASamplerThatCannotStartKeepsTheRunningOneAndSaysWhy() {
		FakeProvider running = FakeProvider.working("jdk");
		FakeProvider broken = new FakeProvider("jfr", true, Set.of(SamplingEvent.CPU), true);
		Profiler profiler = profiler(running, broken);
		profiler.apply(SAMPLING.withSampler("jdk"));
		running.last().deliver(this.clock.nanoTime(), 3, "app.Main.main");

		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> profiler.apply(SAMPLING.withSampler("jfr")))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("sampler"))
			.withMessageContaining("jfr broke")
			.withMessageContaining("jdk");

		assertThat(profiler.activeSampler()).isEqualTo("jdk");
		assertThat(profiler.isRunning()).isTrue();
		assertThat(profiler.settings()).isEqualTo(SAMPLING.withSampler("jdk"));
		assertThat(running.started).hasSize(2);
		assertThat(running.last().closed).isFalse();
		ProfilerStatus status = profiler.status();
		assertThat(status.problem()).isNull();
		assertThat(status.samplers().get("jfr").reason()).contains("jfr broke");
		assertThat(profiler.query(ProfileQuery.all()).samples()).isEqualTo(3);
	}

	@Test
	void aSwitchOfSamplerEventOrIntervalStartsANewRecordingAndResetDropsTheData() {
		FakeProvider a = FakeProvider.working("a");
		FakeProvider b = FakeProvider.working("b");
		Profiler profiler = profiler(a, b);

		profiler.apply(SAMPLING.withSampler("a"));
		a.last().deliver(this.clock.nanoTime(), 5, "app.Main.main");
		a.last().dropped = 2;
		assertThat(profiler.query(ProfileQuery.all()).recording())
			.isEqualTo(new Recording("a", "cpu", Duration.ofMillis(10), "samples"));
		profiler.apply(SAMPLING.withSampler("b"));
		b.last().deliver(this.clock.nanoTime(), 4, "app.Main.main");
		b.last().dropped = 1;

		assertThat(a.last().closed).isTrue();
		// Samples of two samplers are never added together: the data is b's alone,
		// labelled so.
		QueryResult afterSampler = profiler.query(ProfileQuery.all());
		assertThat(afterSampler.samples()).isEqualTo(4);
		assertThat(afterSampler.recording().sampler()).isEqualTo("b");
		ProfilerStatus status = profiler.status();
		assertThat(status.samples()).isEqualTo(4);
		assertThat(status.droppedSamples()).isEqualTo(3);
		assertThat(status.sampler()).isEqualTo("b");

		profiler.apply(SAMPLING.withSampler("b").withEvent(SamplingEvent.WALL));
		b.last().deliver(this.clock.nanoTime(), 7, "app.Main.main");
		QueryResult afterEvent = profiler.query(ProfileQuery.all());
		assertThat(afterEvent.samples()).isEqualTo(7);
		assertThat(afterEvent.recording().event()).isEqualTo("wall");

		profiler.apply(SAMPLING.withSampler("b").withEvent(SamplingEvent.WALL).withInterval(Duration.ofMillis(20)));
		b.last().deliver(this.clock.nanoTime(), 2, "app.Main.main");
		QueryResult afterInterval = profiler.query(ProfileQuery.all());
		assertThat(afterInterval.samples()).isEqualTo(2);
		assertThat(afterInterval.recording().interval()).isEqualTo(Duration.ofMillis(20));

		// Off keeps the data, labelled with the recording it came from, not with nothing.
		profiler.apply(SAMPLING.withMode(Mode.OFF));
		assertThat(profiler.query(ProfileQuery.all()).recording().sampler()).isEqualTo("b");
		assertThat(profiler.query(ProfileQuery.all()).samples()).isEqualTo(2);
		// The same recording again (on again, as on demand does) goes on with the same
		// data.
		profiler.apply(SAMPLING.withSampler("b").withEvent(SamplingEvent.WALL).withInterval(Duration.ofMillis(20)));
		b.last().deliver(this.clock.nanoTime(), 1, "app.Main.main");
		assertThat(profiler.query(ProfileQuery.all()).samples()).isEqualTo(3);

		profiler.reset();
		assertThat(profiler.query(ProfileQuery.all()).samples()).isZero();
		assertThat(profiler.isRunning()).isTrue();
	}

	@Test
	void aResetAlsoDropsTheSamplesTakenBeforeItThatALateSamplerDeliversAfterIt() {
		FakeProvider late = FakeProvider.working("late");
		Profiler profiler = profiler(late);
		profiler.apply(SAMPLING.withSampler("late"));
		long beforeReset = this.clock.nanoTime();
		this.clock.advance(ManualClock.SECOND);
		profiler.reset();
		// Read from its recording after the reset: the first was taken before it.
		late.last().deliver(beforeReset, 5, "app.Main.main");
		late.last().deliver(this.clock.nanoTime(), 3, "app.Main.main");
		assertThat(profiler.query(ProfileQuery.all()).samples()).isEqualTo(3);
	}

	@Test
	void resetStartsTheTagCapsAfresh() {
		ProfilingContext small = new ProfilingContext(4, 64);
		Profiler profiler = new Profiler(List.of(FakeProvider.working("a")), small, this.clock, Duration.ofMinutes(1),
				1000);
		TagSets sets = small.tagSets();
		int kept = sets.intern(TagSet.of("x-tenant", "a"));
		sets.intern(TagSet.of("x-tenant", "b"));
		assertThat(sets.get(sets.intern(TagSet.of("x-tenant", "c")))).isSameAs(TagSets.OVERFLOW);

		profiler.reset();

		assertThat(sets.get(sets.intern(TagSet.of("x-tenant", "c")))).isEqualTo(TagSet.of("x-tenant", "c"));
		assertThat(sets.get(sets.intern(TagSet.of("http.route", "/new")))).isEqualTo(TagSet.of("http.route", "/new"));
		// Ids given out before stay what they were: open scopes still hold them.
		assertThat(sets.get(kept)).isEqualTo(TagSet.of("x-tenant", "a"));
	}

	@Test
	void closeStopsTheSamplerAndKeepsTheData() {
		FakeProvider a = FakeProvider.working("a");
		Profiler profiler = profiler(a);
		profiler.apply(SAMPLING);
		a.last().deliver(this.clock.nanoTime(), 3);

		profiler.close();

		assertThat(a.last().closed).isTrue();
		assertThat(profiler.isRunning()).isFalse();
		assertThat(profiler.settings().mode()).isEqualTo(Mode.OFF);
		assertThat(profiler.query(ProfileQuery.all()).samples()).isEqualTo(3);
	}

	@Test
	void statusQueriesAndMetricsDoNotWaitForASwitchInProgress() throws Exception {
		FakeProvider slow = FakeProvider.working("slow");
		FakeProvider fast = FakeProvider.working("fast");
		Profiler profiler = profiler(fast, slow);
		profiler.apply(SAMPLING.withSampler("fast"));
		slow.startGate = new CountDownLatch(1);
		ExecutorService switcher = Executors.newSingleThreadExecutor();
		try {
			Future<?> switching = switcher.submit(() -> profiler.apply(SAMPLING.withSampler("slow")));
			assertThat(slow.startEntered.await(10, TimeUnit.SECONDS)).isTrue();
			// The switch holds its lock inside start(); every read answers meanwhile, on
			// this thread.
			CompletableFuture<ProfilerStatus> status = CompletableFuture.supplyAsync(profiler::status);
			ProfilerStatus during = status.get(10, TimeUnit.SECONDS);
			assertThat(during.running()).isFalse();
			assertThat(during.sampler()).isNull();
			assertThat(
					CompletableFuture.supplyAsync(() -> profiler.query(ProfileQuery.all())).get(10, TimeUnit.SECONDS))
				.isNotNull();
			assertThat(CompletableFuture.supplyAsync(profiler::cpuTimeNanos).get(10, TimeUnit.SECONDS)).isZero();
			assertThat(switching.isDone()).isFalse();
			slow.startGate.countDown();
			switching.get(10, TimeUnit.SECONDS);
			assertThat(profiler.status().sampler()).isEqualTo("slow");
		}
		finally {
			slow.startGate.countDown();
			switcher.shutdownNow();
		}
	}

	@Test
	void needsAtLeastOneProvider() {
		assertThatIllegalArgumentException().isThrownBy(() -> profiler());
	}

}
