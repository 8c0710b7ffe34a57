package io.github.profiling.sampler.jfr;

import io.github.profiling.sample.SampleSink;
import io.github.profiling.sampler.JfrEnvironment;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerFailures;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;

import java.time.Duration;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Samples with the JDK's own Flight Recorder, streamed in-process: {@code jdk.ExecutionSample}
 * every interval (threads running Java code), plus {@code jdk.NativeMethodSample} for
 * {@code wall} (threads in native code; JFR does not sample threads waiting in Java). The stream
 * is read on a daemon thread; JFR flushes about once a second, so samples reach the store
 * about a second late and are tagged by matching thread and time to the span timeline. On JDK
 * 21+ the sampled thread of a virtual thread's sample is the virtual thread itself.
 * <p>
 * Cost, measured by the accuracy suite (2-core machine, 2 ms interval, two busy request
 * threads, JDK 17 and 25): reading and converting the stream takes 1.5-2.7 ms of CPU per second
 * on the reading thread (0.2 % of a core); JFR's own sampling thread is native and not included.
 */
final class JfrSampler implements Sampler {

	/** How much of the recording JFR keeps in its repository, for the raw JFR export. */
	static final Duration KEPT_ON_DISK = Duration.ofMinutes(2);

	static final long KEPT_ON_DISK_BYTES = 32L * 1024 * 1024;

	private final RecordingStream stream;

	private final JfrSampleConverter converter;

	private final SamplerProvider.Environment environment;

	private final Thread thread;

	private final SamplerFailures failures = new SamplerFailures();

	private volatile boolean closed;

	private JfrSampler(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			boolean recordEnvironment) {
		this.environment = environment;
		this.converter = new JfrSampleConverter(sink, environment, false);
		this.stream = new RecordingStream();
		Duration period = settings.interval();
		this.stream.enable("jdk.ExecutionSample").withPeriod(period);
		if (settings.event() == SamplingEvent.WALL) {
			this.stream.enable("jdk.NativeMethodSample").withPeriod(period);
		}
		// Said explicitly: the raw JFR export must not hand out the environment's secrets.
		for (String type : JfrEnvironment.EVENT_TYPES) {
			if (recordEnvironment) {
				this.stream.enable(type);
			}
			else {
				this.stream.disable(type);
			}
		}
		// The stream is consumed as it is written; what stays on disk serves the raw JFR export.
		this.stream.setMaxAge(KEPT_ON_DISK);
		this.stream.setMaxSize(KEPT_ON_DISK_BYTES);
		this.stream.onEvent("jdk.ExecutionSample", this::accept);
		this.stream.onEvent("jdk.NativeMethodSample", this::accept);
		this.stream.onFlush(this.converter::alignClock);
		this.thread = new Thread(this::run, "profiling-sampler-jfr");
		this.thread.setDaemon(true);
	}

	static JfrSampler start(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			boolean recordEnvironment) {
		JfrSampler sampler = new JfrSampler(settings, sink, environment, recordEnvironment);
		environment.context().spans().setRecording(true);
		sampler.thread.start();
		return sampler;
	}

	private void run() {
		try {
			this.stream.start();
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				this.failures.record(ex);
			}
		}
	}

	private void accept(RecordedEvent event) {
		try {
			this.converter.accept(event);
		}
		catch (RuntimeException ex) {
			// One bad event must not end the stream, nor ever reach the application.
			this.failures.record(ex);
		}
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
		this.closed = true;
		this.stream.close();
		try {
			this.thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.environment.context().spans().setRecording(false);
	}

}
