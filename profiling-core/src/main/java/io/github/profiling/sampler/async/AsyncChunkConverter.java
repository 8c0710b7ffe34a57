package io.github.profiling.sampler.async;

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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import one.jfr.ClassRef;
import one.jfr.Dictionary;
import one.jfr.JfrReader;
import one.jfr.MethodRef;
import one.jfr.StackTrace;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;

/**
 * Turns one complete chunk of async-profiler's JFR output into {@link Sample}s with
 * async-profiler's own reader ({@code one.jfr.JfrReader}), which keeps events in
 * primitive fields and stacks as arrays of method ids, rather than the JDK's
 * {@code RecordingFile}, which builds an object graph per event. Frame names are built
 * once per method id and chunk (ids are a chunk's own), stacks once per stack id and
 * chunk. Samples are tagged by matching thread and time to the span timeline, and those
 * of carrier threads running a virtual thread from the handler frame on their stack.
 * <p>
 * Clock: chunk times are wall-clock nanoseconds (chunk start plus ticks); spans are on
 * {@link ProfilingClock#nanoTime()}; the offset between the two is measured afresh for
 * every chunk. Not thread-safe: one per reading thread. The only class besides
 * {@link NativeAsyncProfiler} that names async-profiler's classes.
 */
final class AsyncChunkConverter {

	private static final byte TYPE_NATIVE = 3;

	private static final byte TYPE_CPP = 4;

	private static final byte TYPE_KERNEL = 5;

	private final SampleSink sink;

	private final FrameTable frames;

	private final ProfilingContext context;

	private final ProfilingClock clock;

	private final CarrierStackTagger carrierStackTagger;

	private final Sample sample = new Sample();

	private long epochMinusNanoTime;

	private long delivered;

	private long eventWeight;

	AsyncChunkConverter(SampleSink sink, SamplerProvider.Environment environment) {
		this.sink = sink;
		this.frames = environment.frames();
		this.context = environment.context();
		this.clock = environment.clock();
		this.carrierStackTagger = new CarrierStackTagger(this.frames, this.context);
	}

	/**
	 * Converts and delivers every sample event of {@code chunk}, one complete JFR chunk.
	 */
	void convert(ByteBuffer chunk) throws IOException {
		alignClock();
		JfrReader reader = new JfrReader(chunk);
		try {
			Dictionary<int[]> stacks = new Dictionary<>();
			Dictionary<Integer> methodFrames = new Dictionary<>();
			for (Event event = reader.readEvent(); event != null; event = reader.readEvent()) {
				if (event instanceof ExecutionSample || event instanceof AllocationSample
						|| event instanceof ContendedLock) {
					accept(reader, event, stacks, methodFrames);
				}
			}
		}
		finally {
			reader.close();
		}
	}

	private void accept(JfrReader reader, Event event, Dictionary<int[]> stacks, Dictionary<Integer> methodFrames) {
		// Wall-clock samples may stand for several ticks of an idle thread.
		long samples = Math.max(1, (event instanceof ExecutionSample execution) ? execution.samples : 1);
		this.eventWeight += samples;
		// An allocation sample weighs the bytes it stands for: the new TLAB, or the
		// object
		// allocated outside one.
		long weight = (event instanceof AllocationSample allocation)
				? Math.max(1, (allocation.tlabSize > 0) ? allocation.tlabSize : allocation.allocationSize) : samples;
		int[] stackFrames = stacks.get(event.stackTraceId);
		if (stackFrames == null) {
			StackTrace trace = reader.stackTraces.get(event.stackTraceId);
			if (trace == null) {
				return;
			}
			stackFrames = framesOf(reader, trace, methodFrames);
			stacks.put(event.stackTraceId, stackFrames);
		}
		Sample sample = this.sample;
		System.arraycopy(stackFrames, 0, sample.ensureDepth(stackFrames.length), 0, stackFrames.length);
		sample.timeNanos = reader.eventTimeToNanos(event.time) - this.epochMinusNanoTime;
		Long javaId = reader.javaThreads.get(event.tid);
		long javaThreadId = (javaId != null) ? javaId : 0;
		// Threads outside Java (GC, compiler, native) have no Java id; keep them apart by
		// OS id.
		sample.threadId = (javaThreadId > 0) ? javaThreadId : -event.tid;
		String name = reader.threads.get(event.tid);
		sample.threadName = (name != null) ? name : "";
		sample.weight = weight;
		long ids = (javaThreadId > 0) ? this.context.idsOfLateSample(javaThreadId, sample.timeNanos) : ScopeIds.NONE;
		int tagSetId = ScopeIds.tagSetId(ids);
		if (tagSetId == TagSets.EMPTY_ID) {
			tagSetId = this.carrierStackTagger.tagSetIdOf(sample.frames, sample.depth);
		}
		sample.tagSetId = tagSetId;
		sample.requestId = ScopeIds.requestId(ids);
		this.sink.accept(sample);
		this.delivered++;
	}

	private int[] framesOf(JfrReader reader, StackTrace trace, Dictionary<Integer> methodFrames) {
		long[] leafFirst = trace.methods;
		int depth = leafFirst.length;
		int[] rootFirst = new int[depth];
		for (int i = 0; i < depth; i++) {
			int leafIndex = depth - 1 - i;
			rootFirst[i] = frameId(reader, leafFirst[leafIndex], trace.types[leafIndex], methodFrames);
		}
		return rootFirst;
	}

	private int frameId(JfrReader reader, long methodId, byte type, Dictionary<Integer> methodFrames) {
		// A method id names one frame type but for inlining and compilation, which names
		// ignore.
		long key = (type == TYPE_KERNEL || type == TYPE_NATIVE || type == TYPE_CPP) ? methodId | (1L << 62) : methodId;
		Integer cached = methodFrames.get(key);
		if (cached != null) {
			return cached;
		}
		int id = this.frames.intern(frameName(reader, methodId, type));
		methodFrames.put(key, id);
		return id;
	}

	/**
	 * Java frames as {@code package.Class.method}; native frames (async-profiler's
	 * "Native" and "C++") by their symbol; kernel frames by their symbol and
	 * {@code _[k]}, as the JDK's parser reads them.
	 */
	private static String frameName(JfrReader reader, long methodId, byte type) {
		MethodRef method = reader.methods.get(methodId);
		if (method == null) {
			return FrameTable.OVERFLOW;
		}
		String methodName = symbol(reader, method.name);
		if (type == TYPE_KERNEL) {
			return methodName + "_[k]";
		}
		if (type == TYPE_NATIVE || type == TYPE_CPP) {
			return methodName;
		}
		ClassRef cls = reader.classes.get(method.cls);
		String className = (cls != null) ? symbol(reader, cls.name).replace('/', '.') : "";
		return FrameNames.of(className, methodName);
	}

	private static String symbol(JfrReader reader, long id) {
		byte[] bytes = reader.symbols.get(id);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "";
	}

	private void alignClock() {
		long before = this.clock.nanoTime();
		Instant now = Instant.now();
		long after = this.clock.nanoTime();
		long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
		this.epochMinusNanoTime = epochNanos - (before + (after - before) / 2);
	}

	long delivered() {
		return this.delivered;
	}

	/**
	 * The samples the events read so far stand for, to compare with async-profiler's own
	 * count.
	 */
	long eventWeight() {
		return this.eventWeight;
	}

}
