package io.github.profiling.sampler.async;

import io.github.profiling.context.SpanTimeline;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.PipelineCpu;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerFailures;
import io.github.profiling.sampler.SamplerHealth;
import io.github.profiling.sampler.SamplerProvider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples with async-profiler, which writes JFR into a private temporary directory; a
 * daemon thread cuts the recording into chunks and reads each as soon as it is complete,
 * so samples reach the store with thread ids and timestamps, about half a second late,
 * and are tagged by matching them to the span timeline.
 * <p>
 * It {@code dump}s every {@link #FLUSH_PERIOD_NANOS}, which finishes the current chunk in
 * the same file without a gap in sampling (where {@code loop} loses samples at each
 * rotation and {@code chunktime} cuts chunks too seldom for a live view), and reads the
 * finished chunks with async-profiler's own reader ({@link AsyncChunkConverter}). Every
 * {@link #ROTATE_BYTES} the recording restarts in a new file (a gap of a few
 * milliseconds) and the old file is deleted. The measurements behind these choices, and
 * the sampler's cost, are in {@code bench/README.md} ("The samplers: what their design
 * rests on").
 */
final class AsyncProfilerSampler implements Sampler {

	static final long FLUSH_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	static final long ROTATE_BYTES = 16L * 1024 * 1024;

	static final int FAILURES_BEFORE_RESTART = 3;

	private final AsyncProfilerLibrary library;

	private final String startCommandWithoutFile;

	private final SamplerProvider.Environment environment;

	// Spans are recorded while this sampler runs, to tag its samples by thread and time.
	private volatile SpanTimeline.SpanRecording spanRecording;

	private final AsyncChunkConverter converter;

	private final Path directory;

	private final Thread thread;

	private final PipelineCpu pipelineCpu;

	private int fileNumber;

	private JfrChunkReader reader;

	private Path currentFile;

	private volatile boolean running = true;

	private final SamplerFailures failures = new SamplerFailures();

	private final SamplerHealth health = new SamplerHealth(AsyncProfilerSamplerProvider.NAME);

	private volatile long chunks;

	// What the events read from the current recording stand for, when it started.
	private long eventWeightAtRecordingStart;

	// Of recordings that have stopped, and a lower bound for the one running.
	private volatile long droppedSamples;

	private volatile long droppedInRecording;

	private int failuresInARow;

	// The chunks read when the machinery broke: it has recovered once a later one is
	// read.
	private long chunksAtBreakdown = -1;

	// Guards the recording files: the reading thread rotates and deletes them, the JFR
	// export copies.
	private final Object files = new Object();

	private AsyncProfilerSampler(AsyncProfilerLibrary library, String startCommandWithoutFile, Path directory,
			SampleSink sink, SamplerProvider.Environment environment) {
		this.library = library;
		this.startCommandWithoutFile = startCommandWithoutFile;
		this.environment = environment;
		this.directory = directory;
		this.converter = new AsyncChunkConverter(sink, environment);
		this.thread = new Thread(this::run, "profiling-sampler-async");
		this.thread.setDaemon(true);
		this.pipelineCpu = new PipelineCpu(this.thread, "Async-profiler");
	}

	/**
	 * Starts async-profiler with {@code startCommandWithoutFile} (such as
	 * {@code start,event=cpu-clock,interval=10000000}) writing JFR into a new temporary
	 * directory.
	 * @throws Exception if async-profiler refuses the command; nothing is left behind
	 * then
	 */
	static AsyncProfilerSampler start(AsyncProfilerLibrary library, String startCommandWithoutFile, Path temporaryRoot,
			SampleSink sink, SamplerProvider.Environment environment) throws Exception {
		Path directory = (temporaryRoot != null) ? AsyncTempDirectories.create(temporaryRoot)
				: AsyncTempDirectories.create();
		AsyncProfilerSampler sampler = new AsyncProfilerSampler(library, startCommandWithoutFile, directory, sink,
				environment);
		try {
			sampler.startRecording();
		}
		catch (Exception | LinkageError ex) {
			sampler.deleteFiles();
			throw ex;
		}
		sampler.spanRecording = environment.context().spans().startRecording();
		sampler.thread.start();
		return sampler;
	}

	private void startRecording() throws Exception {
		this.currentFile = this.directory.resolve("recording-" + (++this.fileNumber) + ".jfr");
		this.library.execute(this.startCommandWithoutFile + ",jfr,file=" + this.currentFile);
		this.reader = new JfrChunkReader(this.currentFile);
		this.eventWeightAtRecordingStart = this.converter.eventWeight();
	}

	/**
	 * After a recording stopped and its last chunks were read: the samples async-profiler
	 * counted that never reached a chunk read here (its own counter against what the
	 * events read stand for) are dropped. async-profiler drops a sample that arrives
	 * while it writes a chunk out (at every dump) or while it stops.
	 */
	private synchronized void countSamplesNotRead() {
		long lost = this.library.samples() - (this.converter.eventWeight() - this.eventWeightAtRecordingStart);
		this.droppedSamples += Math.max(lost, this.droppedInRecording);
		this.droppedInRecording = 0;
	}

	/**
	 * While the recording runs: every sample counted before a dump is in a chunk read
	 * after it or was dropped, so {@code countedBeforeDump} less what was read is a lower
	 * bound of what the current recording dropped so far.
	 */
	private synchronized void countDroppedSoFar(long countedBeforeDump) {
		long lost = countedBeforeDump - (this.converter.eventWeight() - this.eventWeightAtRecordingStart);
		if (lost > this.droppedInRecording) {
			this.droppedInRecording = lost;
		}
	}

	private void run() {
		long next = System.nanoTime() + FLUSH_PERIOD_NANOS;
		try {
			while (this.running) {
				long wait = next - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(this, wait);
					continue;
				}
				next += FLUSH_PERIOD_NANOS;
				try {
					// The open recording stays readable when removed; its directory is
					// needed to rotate.
					String removed = removedFiles();
					if (removed != null) {
						throw new IOException(removed);
					}
					readRecorded();
					this.failuresInARow = 0;
					if (this.chunksAtBreakdown >= 0 && this.chunks > this.chunksAtBreakdown) {
						this.chunksAtBreakdown = -1;
						this.health.recovered("recording restarted in " + this.directory + ", samples flow again");
					}
				}
				catch (Exception ex) {
					// A failed read must not end sampling, nor ever reach the
					// application.
					this.failures.record(ex);
					this.failuresInARow++;
					restartIfBroken(ex);
				}
			}
		}
		finally {
			stopAndDrain();
			// Read while this thread still exists: its CPU goes with it.
			this.pipelineCpu.nanos();
		}
	}

	/** Finishes the current chunk, reads every complete one, and rotates a grown file. */
	private void readRecorded() throws Exception {
		synchronized (this.files) {
			flushLocked();
		}
	}

	private void flushLocked() throws Exception {
		long countedBeforeDump = this.library.samples();
		// Finishes the chunk in progress; the recording goes on in the same file.
		this.library.execute("dump,jfr,file=" + this.currentFile);
		readCompleteChunks();
		countDroppedSoFar(countedBeforeDump);
		if (this.reader.offset() >= ROTATE_BYTES) {
			this.library.execute("stop");
			readCompleteChunks();
			countSamplesNotRead();
			closeAndDeleteCurrentFile();
			startRecording();
		}
	}

	/**
	 * Restarts the recording when its machinery broke: its directory or file was removed
	 * (as temp-directory cleaners do on long-running servers), or reads failed
	 * {@link #FAILURES_BEFORE_RESTART} times in a row (async-profiler refusing to dump, a
	 * chunk that cannot be read). Until samples flow again the sampler is degraded, and
	 * it tries again at every flush.
	 */
	private void restartIfBroken(Exception failure) {
		String broken = brokenMachinery(failure);
		if (broken == null) {
			return;
		}
		this.health.degraded(broken + "; restarting the recording");
		synchronized (this.files) {
			try {
				this.library.execute("stop");
			}
			catch (Exception ex) {
				this.failures.record(ex);
			}
			try {
				Files.createDirectories(this.directory);
				// A file removed while open is still readable through the reader's
				// channel.
				readCompleteChunks();
			}
			catch (IOException ex) {
				this.failures.record(ex);
			}
			countSamplesNotRead();
			this.chunksAtBreakdown = this.chunks;
			try {
				closeAndDeleteCurrentFile();
				startRecording();
			}
			catch (Exception ex) {
				this.failures.record(ex);
				this.health.degraded(broken + "; the recording could not restart: " + ex);
			}
		}
	}

	private String brokenMachinery(Exception failure) {
		String removed = removedFiles();
		if (removed != null) {
			return removed;
		}
		if (this.failuresInARow >= FAILURES_BEFORE_RESTART) {
			return this.failuresInARow + " reads failed in a row, the last with " + failure;
		}
		return null;
	}

	private void readCompleteChunks() throws IOException {
		for (ByteBuffer chunk = this.reader.nextChunk(); chunk != null; chunk = this.reader.nextChunk()) {
			this.converter.convert(chunk);
			this.chunks++;
		}
	}

	private void stopAndDrain() {
		synchronized (this.files) {
			stopAndDrainLocked();
		}
	}

	private void stopAndDrainLocked() {
		try {
			this.library.execute("stop");
			readCompleteChunks();
			countSamplesNotRead();
		}
		catch (Exception ex) {
			this.failures.record(ex);
		}
		finally {
			this.spanRecording.close();
			deleteFiles();
		}
	}

	private String removedFiles() {
		if (!Files.isDirectory(this.directory)) {
			return "its directory " + this.directory + " was removed";
		}
		if (this.currentFile != null && !Files.exists(this.currentFile)) {
			return "its recording " + this.currentFile + " was removed";
		}
		return null;
	}

	private void closeAndDeleteCurrentFile() throws IOException {
		this.reader.close();
		Files.deleteIfExists(this.currentFile);
	}

	private void deleteFiles() {
		try {
			if (this.reader != null) {
				this.reader.close();
			}
			if (!Files.isDirectory(this.directory)) {
				return;
			}
			try (var files = Files.list(this.directory)) {
				for (Path file : (Iterable<Path>) files::iterator) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			this.failures.record("could not delete " + this.directory + ": " + ex);
		}
	}

	/** Chunks read so far. */
	long chunks() {
		return this.chunks;
	}

	@Override
	public SamplerFailures failures() {
		return this.failures;
	}

	/**
	 * Samples async-profiler counted but no chunk read here held: taken while it wrote a
	 * chunk out or stopped, or lost while the machinery was broken. Counted by
	 * async-profiler's own sample counter ({@code getSamples()}) against the samples
	 * read.
	 */
	@Override
	public synchronized long droppedSamples() {
		return this.droppedSamples + this.droppedInRecording;
	}

	@Override
	public String degradedReason() {
		return this.health.degradedReason();
	}

	/**
	 * The complete chunks of the current recording file: everything since its last
	 * rotation (at most {@link #ROTATE_BYTES}), up to half a second ago.
	 */
	@Override
	public boolean writeJfr(Path target) throws IOException {
		synchronized (this.files) {
			if (!this.running || this.reader == null || this.reader.offset() == 0) {
				return false;
			}
			try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(this.currentFile);
					java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(target,
							java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.CREATE,
							java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
				long size = this.reader.offset();
				long copied = 0;
				while (copied < size) {
					copied += in.transferTo(copied, size - copied, out);
				}
			}
			return true;
		}
	}

	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.pipelineCpu.stop();
	}

	/**
	 * CPU of the thread that dumps and reads the recording, and of async-profiler's own
	 * threads; not of its signal handler, which runs on the sampled threads.
	 */
	@Override
	public long cpuTimeNanos() {
		return this.pipelineCpu.nanos();
	}

}
