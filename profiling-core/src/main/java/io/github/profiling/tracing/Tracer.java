package io.github.profiling.tracing;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerFailures;

import java.lang.instrument.Instrumentation;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The tracing profiler: instruments the methods of the {@link TracingTargets} and records
 * every call of them, per thread, into {@link ThreadCalls}. A collector thread hands what
 * the threads recorded to its sink (the store) every {@link #COLLECT_EVERY_NANOS}, and
 * {@link #flush()} does so at once before a query, so that a query sees every call
 * completed before it. {@link #close()} removes the instrumentation: the classes get
 * their original code back and tracing costs nothing.
 * <p>
 * In the store, the weight of a traced call is its OWN time in nanoseconds (wall clock,
 * as the original's {@code basic} timer), so a node's DEEP is the time spent at or below
 * it; each node also carries {@code calls}, {@code ownNanos} and {@code deepNanos} of its
 * completed calls. Only one tracer runs in a JVM at a time, since instrumentation is
 * JVM-wide.
 */
public final class Tracer implements Sampler {

	/** The name the status shows for the tracer, beside the samplers'. */
	public static final String NAME = "tracer";

	static final long COLLECT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final TracingTargets targets;

	private final SampleSink sink;

	private final ProfilingClock clock;

	private final ThreadLocal<ThreadCalls> threadCalls;

	// Every thread that made a traced call; a dead thread is dropped once its calls are
	// collected.
	private final Queue<ThreadCalls> threads = new ConcurrentLinkedQueue<>();

	private final Sample sample = new Sample();

	private final Thread collector;

	private ClassInstrumenter instrumenter;

	private volatile boolean running = true;

	// Calls handed to the sink; written in flush only, which is synchronized.
	private volatile long recordedCalls;

	// Failures of handing calls to the sink; the instrumenter counts its own.
	private final SamplerFailures collectFailures = new SamplerFailures();

	private Tracer(TracingTargets targets, SampleSink sink, ProfilingContext context, ProfilingClock clock,
			int maxNodesPerThread) {
		this.targets = targets;
		this.sink = sink;
		this.clock = clock;
		this.threadCalls = ThreadLocal.withInitial(() -> {
			ThreadCalls calls = new ThreadCalls(Thread.currentThread(), context, maxNodesPerThread);
			this.threads.add(calls);
			return calls;
		});
		this.collector = new Thread(this::collectPeriodically, "profiling-tracer");
		this.collector.setDaemon(true);
	}

	/**
	 * Instruments the classes of {@code targets} and starts recording their calls into
	 * {@code sink}.
	 * @throws TracingUnavailableException if there is nothing to trace, the JVM cannot be
	 * instrumented, or another tracer runs in this JVM
	 */
	public static Tracer start(TracingTargets targets, SampleSink sink, FrameTable frames, ProfilingContext context,
			ProfilingClock clock) throws TracingUnavailableException {
		return start(targets, sink, frames, context, clock, ThreadCalls.DEFAULT_MAX_NODES);
	}

	static Tracer start(TracingTargets targets, SampleSink sink, FrameTable frames, ProfilingContext context,
			ProfilingClock clock, int maxNodesPerThread) throws TracingUnavailableException {
		if (targets.isEmpty()) {
			throw new TracingUnavailableException("nothing to trace: set tracing.include, e.g. com.example.**");
		}
		Tracing.checkAvailable();
		Instrumentation instrumentation = SelfAttach.instrumentation();
		Tracer tracer = new Tracer(targets, sink, context, clock, maxNodesPerThread);
		if (!CallRecorder.activate(tracer)) {
			throw new TracingUnavailableException("another profiler is tracing in this JVM");
		}
		try {
			tracer.instrumenter = ClassInstrumenter.install(instrumentation, targets, frames);
		}
		catch (RuntimeException | LinkageError ex) {
			CallRecorder.deactivate(tracer);
			throw new TracingUnavailableException("could not instrument " + targets + ": " + ex);
		}
		tracer.collector.start();
		return tracer;
	}

	/**
	 * A tracer that records the calls reported to {@link CallRecorder} but instruments
	 * nothing: shows, in tests, whether classes still call the recorder after their
	 * instrumentation was removed.
	 * @throws TracingUnavailableException if another tracer runs in this JVM
	 */
	static Tracer recordingOnly(SampleSink sink, ProfilingContext context, ProfilingClock clock)
			throws TracingUnavailableException {
		Tracer tracer = new Tracer(TracingTargets.NONE, sink, context, clock, ThreadCalls.DEFAULT_MAX_NODES);
		if (!CallRecorder.activate(tracer)) {
			throw new TracingUnavailableException("another profiler is tracing in this JVM");
		}
		tracer.collector.start();
		return tracer;
	}

	/** The calling thread's recorder, created on its first traced call. */
	ThreadCalls threadCalls() {
		return this.threadCalls.get();
	}

	private void collectPeriodically() {
		// Whatever the collector calls must not be recorded on its own thread.
		this.threadCalls.set(ThreadCalls.ignoring(Thread.currentThread()));
		while (this.running) {
			LockSupport.parkNanos(this, COLLECT_EVERY_NANOS);
			try {
				flush();
			}
			catch (RuntimeException ex) {
				// A failing hand-off must not end tracing; it shows in the status.
				this.collectFailures.record(ex);
			}
		}
	}

	/** Hands every call completed so far to the sink. */
	@Override
	public synchronized void flush() {
		long now = this.clock.nanoTime();
		for (Iterator<ThreadCalls> it = this.threads.iterator(); it.hasNext();) {
			ThreadCalls calls = it.next();
			// Read before collecting: a thread dead then can record nothing after this
			// visit.
			boolean alive = calls.thread.isAlive();
			long before = calls.collectedCalls();
			calls.collect(this.sink, this.sample, now);
			this.recordedCalls += calls.collectedCalls() - before;
			if (!alive) {
				it.remove();
			}
		}
	}

	public TracingTargets targets() {
		return this.targets;
	}

	/** Calls completed and handed to the store since the tracer started. */
	public long recordedCalls() {
		return this.recordedCalls;
	}

	/** Threads whose calls are kept now (live threads that made a traced call). */
	public int threads() {
		return this.threads.size();
	}

	/** What the status says of the running tracer. */
	public String describe() {
		ClassInstrumenter instrumenter = this.instrumenter;
		if (instrumenter == null) {
			return "recording calls without instrumenting any class";
		}
		// The calls recorded show whether the instrumented code runs at all.
		return "tracing " + instrumenter.classes() + " classes (" + instrumenter.methods() + " methods) of "
				+ this.targets + " with Byte Buddy; " + this.recordedCalls + " calls recorded";
	}

	@Override
	public SamplerFailures failures() {
		return this.collectFailures;
	}

	@Override
	public long errors() {
		return ((this.instrumenter != null) ? this.instrumenter.errors() : 0) + this.collectFailures.count();
	}

	@Override
	public String lastError() {
		String error = (this.instrumenter != null) ? this.instrumenter.lastError() : null;
		return (error != null) ? error : this.collectFailures.last();
	}

	/**
	 * Stops recording, gives the instrumented classes their original code back, and hands
	 * the calls completed until then to the store. Idempotent.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
		}
		CallRecorder.deactivate(this);
		if (this.instrumenter != null) {
			this.instrumenter.close();
		}
		LockSupport.unpark(this.collector);
		try {
			this.collector.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		flush();
	}

}
