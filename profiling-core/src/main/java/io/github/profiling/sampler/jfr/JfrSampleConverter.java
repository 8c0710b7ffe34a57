package io.github.profiling.sampler.jfr;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.ScopeIds;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameNames;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.CarrierStackTagger;
import io.github.profiling.sampler.SamplerProvider;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Turns JFR sample events, from the JDK's Flight Recorder or from async-profiler's JFR
 * output, into {@link Sample}s and delivers them, tagged by matching thread and time to
 * the span timeline.
 * <p>
 * Allocation-light: one {@code Sample} is reused; a stack seen before in the same chunk
 * (JFR stacks are shared constant-pool objects) maps to its interned frames by identity,
 * and a method by identity too, so frame names are built once per method and chunk, never
 * per frame.
 * <p>
 * Clock: JFR times are wall-clock instants derived from the chunk's start and its tick
 * counter; spans are on {@link System#nanoTime()}. The offset between the two is measured
 * afresh at every batch ({@link #alignClock()}), so wall-clock adjustments do not
 * accumulate; the error is well below the sampling interval ({@code bench/README.md}),
 * and the conversion rounds to microseconds. Not thread-safe: one per reading thread.
 */
public final class JfrSampleConverter {

	private static final int MAX_CACHED = 16_384;

	private final SampleSink sink;

	private final FrameTable frames;

	private final ProfilingContext context;

	private final ProfilingClock clock;

	private final boolean tagCarrierSamplesByStack;

	private final Sample sample = new Sample();

	private final IdentityHashMap<EventType, EventKind> kinds = new IdentityHashMap<>();

	private final IdentityHashMap<RecordedStackTrace, int[]> stacks = new IdentityHashMap<>();

	private final IdentityHashMap<RecordedMethod, Integer> methods = new IdentityHashMap<>();

	private final CarrierStackTagger carrierStackTagger;

	private long epochMinusNanoTime;

	private long delivered;

	private long skipped;

	/**
	 * @param tagCarrierSamplesByStack whether samples of a carrier thread running a
	 * virtual thread are tagged from the handler frame on the stack (for samplers that
	 * see only OS threads; see {@link io.github.profiling.context.StackTags})
	 */
	public JfrSampleConverter(SampleSink sink, SamplerProvider.Environment environment,
			boolean tagCarrierSamplesByStack) {
		this.sink = sink;
		this.frames = environment.frames();
		this.context = environment.context();
		this.clock = environment.clock();
		this.tagCarrierSamplesByStack = tagCarrierSamplesByStack;
		this.carrierStackTagger = tagCarrierSamplesByStack ? new CarrierStackTagger(this.frames, this.context) : null;
		alignClock();
	}

	/** Measures the offset between the wall clock of JFR times and the sample clock. */
	public void alignClock() {
		long before = this.clock.nanoTime();
		Instant now = Instant.now();
		long after = this.clock.nanoTime();
		long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
		this.epochMinusNanoTime = epochNanos - (before + (after - before) / 2);
	}

	/** Forgets objects of a finished chunk, whose identities never come back. */
	public void endOfChunk() {
		this.stacks.clear();
		this.methods.clear();
	}

	/**
	 * Converts and delivers {@code event} if it is a sample with a thread and a stack.
	 */
	public void accept(RecordedEvent event) {
		EventKind kind = this.kinds.get(event.getEventType());
		if (kind == null) {
			kind = EventKind.of(event.getEventType());
			this.kinds.put(event.getEventType(), kind);
		}
		RecordedThread thread = (kind.threadField != null) ? event.getThread(kind.threadField) : null;
		RecordedStackTrace stack = event.getStackTrace();
		if (thread == null || stack == null) {
			this.skipped++;
			return;
		}
		int[] stackFrames = framesOf(stack);
		Sample sample = this.sample;
		System.arraycopy(stackFrames, 0, sample.ensureDepth(stackFrames.length), 0, stackFrames.length);
		Instant start = event.getStartTime();
		long epochNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
		sample.timeNanos = epochNanos - this.epochMinusNanoTime;
		long javaId = thread.getJavaThreadId();
		// Threads outside Java (GC, compiler, native) have no Java id; keep them apart by
		// OS id.
		sample.threadId = (javaId > 0) ? javaId : -thread.getOSThreadId();
		String name = (javaId > 0) ? thread.getJavaName() : thread.getOSName();
		sample.threadName = (name != null) ? name : "";
		sample.weight = kind.weightField != null ? Math.max(1, event.getLong(kind.weightField)) : 1;
		long ids = (javaId > 0) ? this.context.idsOfLateSample(javaId, sample.timeNanos) : ScopeIds.NONE;
		int tagSetId = ScopeIds.tagSetId(ids);
		if (tagSetId == TagSets.EMPTY_ID && this.tagCarrierSamplesByStack) {
			tagSetId = this.carrierStackTagger.tagSetIdOf(sample.frames, sample.depth);
		}
		sample.tagSetId = tagSetId;
		sample.requestId = ScopeIds.requestId(ids);
		this.sink.accept(sample);
		this.delivered++;
	}

	public long delivered() {
		return this.delivered;
	}

	/** Events without a thread or a stack. */
	public long skipped() {
		return this.skipped;
	}

	private int[] framesOf(RecordedStackTrace stack) {
		int[] cached = this.stacks.get(stack);
		if (cached != null) {
			return cached;
		}
		List<RecordedFrame> leafFirst = stack.getFrames();
		int depth = leafFirst.size();
		int[] rootFirst = new int[depth];
		for (int i = 0; i < depth; i++) {
			rootFirst[i] = frameId(leafFirst.get(depth - 1 - i));
		}
		if (this.stacks.size() >= MAX_CACHED) {
			this.stacks.clear();
		}
		this.stacks.put(stack, rootFirst);
		return rootFirst;
	}

	private int frameId(RecordedFrame frame) {
		RecordedMethod method = frame.getMethod();
		if (method == null) {
			return FrameTable.OVERFLOW_ID;
		}
		Integer cached = this.methods.get(method);
		if (cached != null) {
			return cached;
		}
		int id = this.frames.intern(frameName(frame.getType(), method));
		if (this.methods.size() >= MAX_CACHED) {
			this.methods.clear();
		}
		this.methods.put(method, id);
		return id;
	}

	/**
	 * Java frames as {@code package.Class.method}; native frames (async-profiler's
	 * "Native" and "C++", whose class is the library) by their symbol; kernel frames by
	 * their symbol and {@code _[k]}.
	 */
	static String frameName(String frameType, RecordedMethod method) {
		if ("Kernel".equals(frameType)) {
			return method.getName() + "_[k]";
		}
		if ("Native".equals(frameType) || "C++".equals(frameType)) {
			return method.getName();
		}
		String className = method.getType().getName().replace('/', '.');
		return FrameNames.of(className, method.getName());
	}

	/** Where an event type keeps its thread and its weight. */
	private record EventKind(String threadField, String weightField) {

		static EventKind of(EventType type) {
			String thread = (type.getField("sampledThread") != null) ? "sampledThread"
					: (type.getField("eventThread") != null) ? "eventThread" : null;
			// async-profiler's wall-clock samples may stand for several ticks of an idle
			// thread;
			// an allocation sample weighs the bytes it stands for: the new TLAB, the
			// object
			// allocated outside one, or the JDK's own sampled weight.
			String weight = (type.getField("samples") != null) ? "samples"
					: (type.getField("tlabSize") != null) ? "tlabSize" : (type.getField("weight") != null) ? "weight"
							: (type.getField("allocationSize") != null) ? "allocationSize" : null;
			return new EventKind(thread, weight);
		}

	}

}
