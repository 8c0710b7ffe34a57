package io.github.profiling.sampler.jfr;

import io.github.profiling.context.SpanTimeline;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.JfrEnvironment;
import io.github.profiling.sampler.PipelineCpu;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerFailures;
import io.github.profiling.sampler.SamplerHealth;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Samples with the JDK's own Flight Recorder, streamed in-process:
 * {@code jdk.ExecutionSample} every interval (threads running Java code), plus
 * {@code jdk.NativeMethodSample} for {@code wall} (threads in native code; JFR does not
 * sample threads waiting in Java). The stream is read on a daemon thread; JFR flushes
 * about once a second, so samples reach the store about a second late and are tagged by
 * matching thread and time to the span timeline. On JDK 21+ the sampled thread of a
 * virtual thread's sample is the virtual thread itself. Its cost is measured in
 * {@code bench/README.md}.
 */
final class JfrSampler implements Sampler {

	/** How much of the recording JFR keeps in its repository, for the raw JFR export. */
	static final Duration KEPT_ON_DISK = Duration.ofMinutes(2);

	static final long KEPT_ON_DISK_BYTES = 32L * 1024 * 1024;

	/** How long a sampler whose stream ended waits before it opens a new one. */
	static final long RESTART_DELAY_NANOS = 1_000_000_000L;

	private final SamplerSettings settings;

	private volatile RecordingStream stream;

	private final JfrSampleConverter converter;

	private final SamplerProvider.Environment environment;

	// Spans are recorded while this sampler runs, to tag its samples by thread and time.
	private volatile SpanTimeline.SpanRecording spanRecording;

	private final Thread thread;

	private final PipelineCpu pipelineCpu;

	private final SamplerFailures failures = new SamplerFailures();

	private final SamplerHealth health = new SamplerHealth(JfrSamplerProvider.NAME);

	// Guards opening and closing streams, so that no stream opens after close.
	private final Object streams = new Object();

	private volatile boolean closed;

	// When the stream in use ended unexpectedly (System.nanoTime), until its successor's
	// first event.
	private volatile long endedAt;

	// Written by the stream's thread only.
	private volatile long droppedSamples;

	private final long startedAt = System.nanoTime();

	// Whether recordings hold the JVM's environment (system properties, variables,
	// arguments).
	private final boolean recordEnvironment;

	// Whether event cpu is sampled by the threads' CPU clocks (JDK 25+ on Linux), not
	// by the JDK's periodic sampler of threads running Java code.
	private final boolean cpuTimeSamples;

	private JfrSampler(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			boolean recordEnvironment) {
		this.settings = settings;
		this.cpuTimeSamples = settings.event() == SamplingEvent.CPU
				&& settings.interval().compareTo(CpuTimeSampling.MIN_INTERVAL) >= 0 && CpuTimeSampling.isUsable();
		this.environment = environment;
		this.recordEnvironment = recordEnvironment;
		this.converter = new JfrSampleConverter(sink, environment, false);
		this.stream = newStream();
		this.thread = new Thread(this::run, "profiling-sampler-jfr");
		this.thread.setDaemon(true);
		this.pipelineCpu = new PipelineCpu(this.thread, "JFR ");
	}

	private RecordingStream newStream() {
		RecordingStream stream = new RecordingStream();
		Duration period = this.settings.interval();
		if (this.cpuTimeSamples) {
			// One sample per interval of CPU each thread uses, timed by the thread's own
			// CPU clock: no safepoint bias, native code included.
			stream.enable(CpuTimeSampling.SAMPLE_EVENT).with("throttle", period.toMillis() + "ms");
			stream.enable(CpuTimeSampling.LOST_EVENT);
		}
		else {
			stream.enable("jdk.ExecutionSample").withPeriod(period);
		}
		if (this.settings.event() == SamplingEvent.WALL) {
			stream.enable("jdk.NativeMethodSample").withPeriod(period);
		}
		// Said explicitly: the raw JFR export must not hand out the environment's
		// secrets.
		for (String type : JfrEnvironment.EVENT_TYPES) {
			if (this.recordEnvironment) {
				stream.enable(type);
			}
			else {
				stream.disable(type);
			}
		}
		// The stream is consumed as it is written; what stays on disk serves the raw JFR
		// export.
		stream.setMaxAge(KEPT_ON_DISK);
		stream.setMaxSize(KEPT_ON_DISK_BYTES);
		stream.onEvent("jdk.ExecutionSample", this::accept);
		stream.onEvent("jdk.NativeMethodSample", this::accept);
		stream.onEvent(CpuTimeSampling.SAMPLE_EVENT, this::acceptCpuTimeSample);
		stream.onEvent(CpuTimeSampling.LOST_EVENT, (event) -> this.droppedSamples += event.getInt("lostSamples"));
		stream.onFlush(this.converter::alignClock);
		return stream;
	}

	static JfrSampler start(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			boolean recordEnvironment) {
		JfrSampler sampler = new JfrSampler(settings, sink, environment, recordEnvironment);
		sampler.spanRecording = environment.context().spans().startRecording();
		sampler.thread.start();
		return sampler;
	}

	/**
	 * Runs the stream until closed. A stream that ends while the sampler is open (its
	 * recording stopped from outside, as {@code jcmd JFR.stop} does, or a failure inside
	 * JFR) leaves the sampler degraded; a new stream opens after
	 * {@link #RESTART_DELAY_NANOS}.
	 */
	private void run() {
		while (!this.closed) {
			String ending;
			try {
				this.stream.start();
				ending = "its JFR stream ended (its recording was stopped or closed)";
			}
			catch (RuntimeException ex) {
				ending = "its JFR stream failed: " + ex;
				if (!this.closed) {
					this.failures.record(ex);
				}
			}
			if (this.closed) {
				return;
			}
			if (this.endedAt == 0) {
				this.endedAt = System.nanoTime();
			}
			this.health.degraded(ending + "; opening a new stream");
			LockSupport.parkNanos(this, RESTART_DELAY_NANOS);
			synchronized (this.streams) {
				if (this.closed) {
					return;
				}
				try {
					this.stream = newStream();
				}
				catch (RuntimeException ex) {
					this.failures.record(ex);
					this.health.degraded(ending + "; a new stream could not open: " + ex);
				}
			}
		}
	}

	private void acceptCpuTimeSample(RecordedEvent event) {
		if (event.getBoolean("failed")) {
			// Its stack could not be walked: a sample taken, but lost.
			this.droppedSamples++;
			return;
		}
		accept(event);
	}

	private void accept(RecordedEvent event) {
		if (this.endedAt != 0) {
			recovered();
		}
		try {
			this.converter.accept(event);
		}
		catch (RuntimeException ex) {
			// One bad event must not end the stream, nor ever reach the application.
			this.failures.record(ex);
		}
	}

	/**
	 * Samples flow again: the gap is counted as dropped samples, estimated from the rate
	 * of samples delivered before it (samples delivered / time run, times the gap's
	 * length).
	 */
	private void recovered() {
		long now = System.nanoTime();
		long gap = now - this.endedAt;
		long ran = this.endedAt - this.startedAt;
		if (ran > 0) {
			this.droppedSamples += (long) ((double) this.converter.delivered() * gap / ran);
		}
		this.endedAt = 0;
		this.health.recovered("a new JFR stream delivers samples");
	}

	@Override
	public long droppedSamples() {
		return this.droppedSamples;
	}

	@Override
	public String degradedReason() {
		return this.health.degradedReason();
	}

	@Override
	public SamplerFailures failures() {
		return this.failures;
	}

	/** The last {@link #KEPT_ON_DISK} of the recording, as JFR keeps it. */
	@Override
	public boolean writeJfr(java.nio.file.Path target) throws java.io.IOException {
		if (this.closed) {
			return false;
		}
		this.stream.dump(target);
		return java.nio.file.Files.size(target) > 0;
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		synchronized (this.streams) {
			this.closed = true;
			this.stream.close();
		}
		// Read while the stream's thread still exists: its CPU goes with it.
		this.pipelineCpu.nanos();
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.pipelineCpu.stop();
		this.spanRecording.close();
	}

	/**
	 * CPU of the thread that reads the stream and of JFR's own threads (its sampler,
	 * recorder and periodic tasks; another recording in this JVM is counted with them);
	 * not of the stack walks JFR does on the sampled threads themselves.
	 */
	@Override
	public long cpuTimeNanos() {
		return this.pipelineCpu.nanos();
	}

}
