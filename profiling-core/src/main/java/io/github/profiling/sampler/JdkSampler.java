package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.ScopeIds;
import io.github.profiling.context.SpanTimeline;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.model.SampleSink;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples Java stacks from a daemon thread every interval.
 * <ul>
 * <li>{@code cpu}: a thread is sampled (weight one) at a tick once the CPU time it used
 * has crossed another whole interval (the remainder carries over), so a thread parked or
 * blocked in native I/O weighs nothing however RUNNABLE it looks, and a thread busy half
 * the time is sampled every other tick. The weight is never the CPU since the previous
 * tick: that CPU was spent along the way, not in the stack seen at the tick. A thread the
 * snapshot caught parked, waiting or sleeping ran its last CPU before it waited: a
 * crossing found then is charged to the stack it was last seen running (the end of the
 * request it just served), neither lost nor charged to whatever code it runs next. But a
 * request shorter than the interval may run between two ticks and never be seen. When the
 * thread closed scopes since the previous tick, the crossing goes to one of them, drawn
 * in proportion to their time (the right one on average, however short): to its tags,
 * with the stack last seen if that was the same request's, else the stack last seen
 * running under the same tags on any thread (the same route's work), else the frame
 * {@link #BETWEEN_TICKS}; never to another request's stack and route.</li>
 * <li>{@code wall}: every live thread weighs one per tick.</li>
 * </ul>
 * Under {@code cpu} only the platform threads that used CPU since the previous tick have
 * their stacks taken, in one VM operation; under {@code wall}, every thread's. Virtual
 * threads are not among the platform threads; those with an open context scope (every
 * request on a virtual thread) are sampled one by one, and count under {@code cpu} while
 * RUNNABLE (the JVM has no per-virtual-thread CPU clock). Carrier threads with a virtual
 * thread mounted are skipped, so that work is not counted twice. The sampler never
 * samples itself.
 */
final class JdkSampler implements Sampler, Runnable {

	/** The frame of CPU a request used between two ticks, its stack never seen. */
	static final String BETWEEN_TICKS = "[ran between ticks]";

	/** Ticks between evictions of dead threads' CPU bookkeeping. */
	private static final int EVICT_EVERY_TICKS = 1000;

	private static final Class<?> VIRTUAL_THREAD_CLASS = loadClass("java.lang.VirtualThread");

	private static final Class<?> CARRIER_THREAD_CLASS = loadClass("jdk.internal.misc.CarrierThread");

	private final SamplingEvent event;

	private final long intervalNanos;

	private final SampleSink sink;

	private final ProfilingContext context;

	private final ProfilingClock clock;

	private final ThreadMXBean threads;

	private final FrameCache frameCache;

	private final ThreadCpuTable cpu = new ThreadCpuTable();

	private final PlatformThreads platformThreads = new PlatformThreads();

	private final RanThreads ranThreads = new RanThreads();

	private final TagStacks tagStacks = new TagStacks();

	private final Sample sample = new Sample();

	private final Thread thread;

	private final int betweenTicksFrame;

	// Spans are recorded while this sampler runs: they tell which request a thread served
	// between two ticks.
	private final SpanTimeline.SpanRecording spanRecording;

	// When the previous tick began.
	private long previousTickNanos = Long.MIN_VALUE;

	private volatile boolean running = true;

	private volatile long dropped;

	private final SamplerFailures failures = new SamplerFailures();

	private long tick;

	// Ticks run and missed in the current second, and the share missed in the last whole
	// one.
	private long secondStart;

	private long secondTicks;

	private long secondMissed;

	private long secondTickNanos;

	private volatile String overrun;

	// This thread's and the VM thread's, which walks the stacks at a safepoint.
	private final PipelineCpu pipelineCpu;

	private JdkSampler(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			ThreadMXBean threads) {
		this.event = settings.event();
		this.intervalNanos = Math.max(1_000_000L, settings.interval().toNanos());
		this.sink = sink;
		this.context = environment.context();
		this.clock = environment.clock();
		this.threads = threads;
		this.frameCache = new FrameCache(environment.frames());
		this.betweenTicksFrame = environment.frames().intern(BETWEEN_TICKS);
		this.spanRecording = this.context.spans().startRecording();
		this.thread = new Thread(this, "profiling-sampler-jdk");
		this.thread.setDaemon(true);
		this.pipelineCpu = new PipelineCpu(this.thread, "VM Thread");
	}

	static JdkSampler start(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			ThreadMXBean threads) {
		JdkSampler sampler = new JdkSampler(settings, sink, environment, threads);
		sampler.thread.start();
		return sampler;
	}

	@Override
	public void run() {
		long next = this.clock.nanoTime();
		while (this.running) {
			long started = this.clock.nanoTime();
			try {
				tick(started);
			}
			catch (RuntimeException ex) {
				// A failing tick must not end sampling, nor ever reach the application.
				this.failures.record(ex);
			}
			next += this.intervalNanos;
			long now = this.clock.nanoTime();
			long missed = 0;
			if (now - next > this.intervalNanos) {
				// The tick took longer than an interval: skip the ticks missed rather
				// than burst.
				missed = (now - next) / this.intervalNanos;
				this.dropped += missed;
				next += missed * this.intervalNanos;
			}
			countTicks(started, now, missed);
			long wait = next - now;
			if (wait > 0) {
				LockSupport.parkNanos(this, wait);
			}
		}
	}

	/**
	 * Keeps, per second, the share of ticks missed, so that the status can say why
	 * samples are few.
	 */
	private void countTicks(long started, long now, long missed) {
		if (this.secondStart == 0) {
			this.secondStart = started;
		}
		this.secondTicks++;
		this.secondMissed += missed;
		this.secondTickNanos += now - started;
		if (now - this.secondStart >= 1_000_000_000L) {
			long due = this.secondTicks + this.secondMissed;
			long percent = 100 * this.secondMissed / due;
			this.overrun = (percent < 10) ? null : String.format(
					"missing %d %% of its ticks: a tick (a stack walk of every thread it samples) takes %.1f ms, "
							+ "longer than the %d ms interval; use a longer interval or the async or jfr sampler",
					percent, this.secondTickNanos / 1e6 / this.secondTicks, this.intervalNanos / 1_000_000);
			this.secondStart = now;
			this.secondTicks = 0;
			this.secondMissed = 0;
			this.secondTickNanos = 0;
		}
	}

	/**
	 * Why samples are fewer than the interval promises, while ticks overrun it; else
	 * {@code null}. Not a breakdown: the sampler works, as fast as the threads let it.
	 */
	@Override
	public String note() {
		return this.overrun;
	}

	private void tick(long now) {
		this.tick++;
		if (this.event == SamplingEvent.CPU) {
			tickCpu(now);
		}
		else {
			Thread self = Thread.currentThread();
			for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
				Thread sampled = entry.getKey();
				StackTraceElement[] stack = entry.getValue();
				if (sampled != self && stack.length > 0 && !isMountedCarrier(sampled, stack)) {
					emit(sampled, toFrames(stack), stack.length, this.context.idsOf(sampled), 1, now);
				}
			}
		}
		if (VIRTUAL_THREAD_CLASS != null) {
			this.context.forEachActiveThread((sampled) -> sampleVirtual(sampled, now));
		}
		if (this.tick % EVICT_EVERY_TICKS == 0) {
			this.cpu.evictOlderThan(this.tick - EVICT_EVERY_TICKS);
		}
		this.previousTickNanos = now;
	}

	private void sampleVirtual(Thread sampled, long now) {
		if (sampled.getClass() != VIRTUAL_THREAD_CLASS) {
			return;
		}
		if (this.event == SamplingEvent.CPU && sampled.getState() != Thread.State.RUNNABLE) {
			return;
		}
		StackTraceElement[] stack = sampled.getStackTrace();
		if (stack.length > 0) {
			emit(sampled, toFrames(stack), stack.length, this.context.idsOf(sampled), 1, now);
		}
	}

	/**
	 * Under {@code cpu}, platform threads pay for what they ran only: every thread's CPU
	 * clock is read, and the stacks of those that used CPU since the previous tick (a
	 * handful, of the tens a server keeps waiting) are taken in one VM operation. Their
	 * CPU is weighed from a second reading, after the stacks: as when every stack was
	 * taken first, the CPU a crossing stands for ends after the stack it is charged to
	 * was seen, never before it.
	 */
	private void tickCpu(long now) {
		Thread self = Thread.currentThread();
		int count = this.platformThreads.snapshot();
		Thread[] all = this.platformThreads.threads();
		int ran = 0;
		for (int i = 0; i < count; i++) {
			Thread sampled = all[i];
			if (sampled == self) {
				continue;
			}
			long cpuNanos = this.threads.getThreadCpuTime(sampled.getId());
			if (cpuNanos < 0) {
				continue;
			}
			if (this.cpu.ranSinceWeighed(sampled.getId(), cpuNanos)) {
				this.ranThreads.add(sampled, this.context.idsOf(sampled));
				ran++;
			}
			else {
				// Idle since its last tick (nothing to weigh), or seen for the first
				// time.
				this.cpu.weigh(sampled.getId(), cpuNanos, this.tick, this.intervalNanos);
			}
		}
		if (ran == 0) {
			return;
		}
		ThreadInfo[] infos = this.threads.getThreadInfo(this.ranThreads.ids(), Integer.MAX_VALUE);
		for (int i = 0; i < ran; i++) {
			Thread sampled = this.ranThreads.thread(i);
			long cpuNanos = this.threads.getThreadCpuTime(sampled.getId());
			ThreadInfo info = infos[i];
			StackTraceElement[] stack = (info != null) ? info.getStackTrace() : null;
			if (cpuNanos < 0 || stack == null || stack.length == 0) {
				continue;
			}
			// Every interval of CPU the thread crossed since its previous tick, not one
			// at most: when ticks run late (a loaded machine, a safepoint), a cap would
			// drop most of the work of threads that ran throughout, and so of the
			// requests that use the CPU longest.
			long crossed = this.cpu.weigh(sampled.getId(), cpuNanos, this.tick, this.intervalNanos);
			if (!isMountedCarrier(sampled, stack)) {
				sampleCpu(sampled, stack, this.ranThreads.scopeIdsBefore(i), crossed, now);
			}
		}
		this.ranThreads.clear();
	}

	/**
	 * A platform thread under {@code cpu} that ran since the previous tick: sampled once
	 * its CPU time crosses another interval. Caught waiting, its stack says nothing of
	 * where that CPU went (the end of the request it just served, typically): the
	 * crossing is charged to the stack it was last seen running, so that the end of every
	 * request is neither lost nor charged to the next one. Caught running, the crossing
	 * goes to a request that ended since the previous tick as often as that request's
	 * time makes up the time between the ticks, and otherwise to the stack seen now.
	 */
	private void sampleCpu(Thread sampled, StackTraceElement[] stack, long idsBefore, long crossed, long now) {
		if (!isWaiting(stack[0])) {
			int[] frames = toFrames(stack);
			long ids = this.context.idsOf(sampled);
			boolean sameTags = ScopeIds.tagSetId(ids) == ScopeIds.tagSetId(idsBefore);
			if (ScopeIds.requestId(ids) != ScopeIds.requestId(idsBefore)) {
				// The thread went on to another request while its stack was taken: the
				// stack may be either's, so it is neither request's own, and has their
				// tags only if both have the same.
				ids = ScopeIds.of(sameTags ? ScopeIds.tagSetId(ids) : TagSets.EMPTY_ID, ScopeIds.NO_REQUEST);
			}
			this.cpu.rememberStack(sampled.getId(), frames, stack.length, ids);
			if (sameTags) {
				// Never another route's stack for a request of these tags that ran
				// between ticks.
				this.tagStacks.remember(ScopeIds.tagSetId(ids), frames, stack.length);
			}
			if (crossed == 0) {
				return;
			}
			// The CPU since the previous tick may be partly a request that ended since
			// (its tail, and the response written after it): a point of that time drawn
			// at random charges it to that request as often as it ran, rather than always
			// to whatever the thread runs now.
			long point = this.previousTickNanos
					+ (long) (ThreadLocalRandom.current().nextDouble() * (now - this.previousTickNanos));
			long served = this.context.spans().idsAt(sampled.getId(), point);
			if (isOther(served, ScopeIds.tagSetId(ids), ScopeIds.requestId(ids))) {
				emitServed(sampled, served, crossed, now);
			}
			else {
				emit(sampled, frames, stack.length, ids, crossed, now);
			}
		}
		else if (crossed > 0) {
			boolean recalled = this.cpu.recallStack(sampled.getId(), this.sample);
			long served = this.context.spans()
				.closedSpanIdsAtShare(sampled.getId(), this.previousTickNanos, now,
						ThreadLocalRandom.current().nextDouble());
			if (!recalled || isOther(served, this.sample.tagSetId, this.sample.requestId)) {
				emitServed(sampled, served, crossed, now);
			}
			else {
				emit(sampled, this.sample.frames, this.sample.depth,
						ScopeIds.of(this.sample.tagSetId, this.sample.requestId), crossed, now);
			}
		}
	}

	/** Whether {@code served} names a span, of other tags or another request. */
	private static boolean isOther(long served, int tagSetId, long requestId) {
		int servedTagSetId = ScopeIds.tagSetId(served);
		return servedTagSetId >= 0 && (servedTagSetId != tagSetId || ScopeIds.requestId(served) != requestId);
	}

	/**
	 * A request that ran and ended between two ticks: its share of the CPU is charged to
	 * its tags, with the stack last seen running under them, or none if none was; nothing
	 * if no such request was found.
	 */
	private void emitServed(Thread sampled, long served, long crossed, long now) {
		int servedTagSetId = ScopeIds.tagSetId(served);
		if (servedTagSetId < 0) {
			return;
		}
		if (!this.tagStacks.recall(servedTagSetId, this.sample)) {
			int[] frames = this.sample.ensureDepth(1);
			frames[0] = this.betweenTicksFrame;
		}
		emit(sampled, this.sample.frames, this.sample.depth, served, crossed, now);
	}

	/**
	 * Whether the snapshot caught the thread waiting. Its state is read later than the
	 * snapshot and may have changed since (a pool thread picked up the next request
	 * meanwhile), so the leaf frame decides.
	 */
	private static boolean isWaiting(StackTraceElement leaf) {
		String method = leaf.getMethodName();
		String type = leaf.getClassName();
		return ("park".equals(method) && "jdk.internal.misc.Unsafe".equals(type))
				|| ("wait".equals(method) || "wait0".equals(method)) && "java.lang.Object".equals(type)
				|| ("sleep".equals(method) || "sleep0".equals(method) || "sleepNanos0".equals(method))
						&& "java.lang.Thread".equals(type);
	}

	private static boolean isMountedCarrier(Thread thread, StackTraceElement[] stack) {
		if (thread.getClass() != CARRIER_THREAD_CLASS) {
			return false;
		}
		for (StackTraceElement element : stack) {
			if ("runContinuation".equals(element.getMethodName())
					&& "java.lang.VirtualThread".equals(element.getClassName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The stack as frame ids, root first (Java gives the leaf first), in the reusable
	 * sample.
	 */
	private int[] toFrames(StackTraceElement[] stack) {
		int depth = stack.length;
		int[] frames = this.sample.ensureDepth(depth);
		for (int i = 0; i < depth; i++) {
			frames[i] = this.frameCache.idOf(stack[depth - 1 - i]);
		}
		return frames;
	}

	/**
	 * Delivers a sample whose frames are already in {@code frames} (the reusable
	 * sample's).
	 */
	private void emit(Thread sampled, int[] frames, int depth, long ids, long weight, long now) {
		Sample sample = this.sample;
		if (sample.frames != frames) {
			System.arraycopy(frames, 0, sample.ensureDepth(depth), 0, depth);
		}
		sample.depth = depth;
		sample.threadId = sampled.getId();
		sample.threadName = sampled.getName();
		sample.timeNanos = now;
		sample.weight = weight;
		sample.tagSetId = ScopeIds.tagSetId(ids);
		sample.requestId = ScopeIds.requestId(ids);
		try {
			this.sink.accept(sample);
		}
		catch (RuntimeException ex) {
			// One sample lost, not the rest of the tick: counted and shown in the status.
			this.failures.record(ex);
		}
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
	public long cpuTimeNanos() {
		return this.pipelineCpu.nanos();
	}

	@Override
	public void close() {
		this.pipelineCpu.stop();
		this.spanRecording.close();
		this.running = false;
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Class<?> loadClass(String name) {
		try {
			return Class.forName(name, false, Thread.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
