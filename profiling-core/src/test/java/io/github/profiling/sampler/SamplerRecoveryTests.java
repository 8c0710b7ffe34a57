package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.TagSet;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.async.AsyncProfilerLoader;
import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagShare;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samplers whose machinery breaks under load: the async sampler (the real library) when
 * its temporary directory is removed under it, as temp-directory cleaners do on
 * long-running servers, and the jfr sampler when its recording is stopped from outside,
 * as {@code jcmd JFR.stop} does. Each logs one warning with the cause, the status says
 * {@code degraded} with the reason until samples flow again, and they do within 5 s.
 */
class SamplerRecoveryTests {

	private static final TagSet WORK = TagSet.of("http.route", "/work");

	@TempDir
	Path temporaryRoot;

	private final List<LogRecord> logged = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			SamplerRecoveryTests.this.logged.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private final Logger healthLogger = Logger.getLogger(SamplerHealth.class.getName());

	@BeforeEach
	void captureLog() {
		this.healthLogger.addHandler(this.handler);
	}

	@AfterEach
	void releaseLog() {
		this.healthLogger.removeHandler(this.handler);
	}

	@Test
	void removedDirectoryIsRecreatedAndSamplingResumesWithinFiveSeconds() throws Exception {
		ProfilingContext context = new ProfilingContext(100, 10_000);
		Profiler profiler = new Profiler(
				List.of(new AsyncProfilerSamplerProvider(AsyncProfilerLoader.fromClassPath(), this.temporaryRoot)),
				context, ProfilingClock.SYSTEM, Duration.ofMinutes(1), 100_000);
		Load load = new Load(context);
		try {
			profiler.apply(new ProfilerSettings(Mode.SAMPLING, "async", SamplingEvent.CPU, Duration.ofMillis(5)));
			load.start();
			awaitTaggedSamples(profiler, 20, 10_000);
			assertThat(profiler.status().state()).isEqualTo(ProfilerStatus.RUNNING);

			removeRecursively(onlyRecordingDirectory());
			assertDegradedThenResumed(profiler, "was removed", "restarting the recording");
			assertThat(Files.isDirectory(onlyRecordingDirectory())).isTrue();

			assertThat(profiler.status().errors()).isPositive();
		}
		finally {
			load.stop();
			profiler.close();
		}
		SamplerBackendsTests.assertNoAsyncFilesLeft(this.temporaryRoot);
	}

	@Test
	void jfrStreamEndedFromOutsideIsReopenedAndSamplingResumesWithinFiveSeconds() throws Exception {
		ProfilingContext context = new ProfilingContext(100, 10_000);
		Profiler profiler = new Profiler(List.of(new JfrSamplerProvider()), context, ProfilingClock.SYSTEM,
				Duration.ofMinutes(1), 100_000);
		Load load = new Load(context);
		try {
			profiler.apply(new ProfilerSettings(Mode.SAMPLING, "jfr", SamplingEvent.CPU, Duration.ofMillis(5)));
			load.start();
			awaitTaggedSamples(profiler, 20, 10_000);
			assertThat(profiler.status().state()).isEqualTo(ProfilerStatus.RUNNING);
			List<Recording> recordings = FlightRecorder.getFlightRecorder().getRecordings();
			assertThat(recordings).hasSize(1);
			recordings.get(0).close();
			assertDegradedThenResumed(profiler, "JFR stream ended", "opening a new stream");
			assertThat(profiler.status().droppedSamples()).as("the gap counted as dropped").isPositive();
		}
		finally {
			load.stop();
			profiler.close();
		}
		assertThat(FlightRecorder.getFlightRecorder().getRecordings()).isEmpty();
	}

	/**
	 * Within 5 s of the breakdown: the status said degraded with a reason holding
	 * {@code cause} and {@code remedy}, samples of work done after it arrived, and the
	 * status is running again; one warning was logged, and the recovery.
	 */
	private void assertDegradedThenResumed(Profiler profiler, String cause, String remedy) throws Exception {
		long brokenAt = System.nanoTime();
		long taggedAtBreakdown = taggedSamples(profiler);

		List<String> reasons = new ArrayList<>();
		long resumedAt = 0;
		long taggedAfter = 0;
		while (System.nanoTime() - brokenAt < 10_000_000_000L) {
			ProfilerStatus status = profiler.status();
			if (ProfilerStatus.DEGRADED.equals(status.state())) {
				reasons.add(status.degradedReason());
			}
			taggedAfter = taggedSamples(profiler);
			// Samples of work done after the breakdown, not only chunks finished before
			// it.
			if (!reasons.isEmpty() && taggedAfter >= taggedAtBreakdown + 20
					&& ProfilerStatus.RUNNING.equals(status.state())) {
				resumedAt = System.nanoTime();
				break;
			}
			Thread.sleep(20);
		}
		assertThat(reasons).as("the status said degraded during the gap").isNotEmpty();
		assertThat(reasons.get(0)).contains(cause).contains(remedy);
		assertThat(resumedAt)
			.as("samples flowed again (tagged %d at the breakdown, %d after)", taggedAtBreakdown, taggedAfter)
			.isPositive();
		assertThat(Duration.ofNanos(resumedAt - brokenAt)).isLessThan(Duration.ofSeconds(5));
		List<LogRecord> warnings = this.logged.stream().filter((record) -> record.getLevel() == Level.WARNING).toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0).getMessage()).contains(profiler.status().sampler())
			.contains("degraded")
			.contains(cause);
		assertThat(this.logged).anyMatch((record) -> record.getMessage().contains("recovered"));
		assertThat(profiler.status().degradedReason()).isNull();
	}

	private Path onlyRecordingDirectory() {
		File[] directories = this.temporaryRoot.toFile().listFiles((dir, name) -> name.startsWith("profiling-async-"));
		assertThat(directories).hasSize(1);
		return directories[0].toPath();
	}

	private static void removeRecursively(Path directory) throws Exception {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static void awaitTaggedSamples(Profiler profiler, long count, long timeoutMillis) throws Exception {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (taggedSamples(profiler) < count && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(taggedSamples(profiler)).isGreaterThanOrEqualTo(count);
	}

	private static long taggedSamples(Profiler profiler) {
		List<TagShare> shares = profiler.tagShares(ProfileQuery.all());
		return shares.stream().filter((share) -> share.tags().equals(WORK)).mapToLong(TagShare::samples).sum();
	}

	/** One thread busy in short tagged scopes until stopped, at most 30 s. */
	private static final class Load {

		private final ProfilingContext context;

		private final Thread thread;

		private volatile boolean stopped;

		Load(ProfilingContext context) {
			this.context = context;
			this.thread = new Thread(this::run, "recovery-load");
			this.thread.setDaemon(true);
		}

		void start() {
			this.thread.start();
		}

		private void run() {
			long end = System.nanoTime() + 30_000_000_000L;
			while (!this.stopped && System.nanoTime() < end) {
				try (Scope scope = this.context.openScope(WORK, null)) {
					SamplerBackendsTests.busyForCpu(50_000_000L);
				}
			}
		}

		void stop() throws InterruptedException {
			this.stopped = true;
			this.thread.join(10_000);
		}

	}

}
