package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.sample.ProfilingClock;
import io.github.profiling.sample.Sample;
import io.github.profiling.sample.SampleSink;

import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples Java stacks from a daemon thread every interval.
 * <ul>
 * <li>{@code cpu}: a RUNNABLE thread weighs the CPU time it used since the previous tick, in
 * whole intervals (the remainder carries over), so a thread blocked in native I/O weighs nothing
 * however RUNNABLE it looks. A thread found waiting weighs nothing; the CPU it used since the
 * previous tick is carried to its next tick on CPU, since its waiting stack says nothing of where
 * that CPU went. One unit of weight is one interval of CPU.</li>
 * <li>{@code wall}: every live thread weighs one per tick.</li>
 * </ul>
 * Virtual threads are not in {@link Thread#getAllStackTraces()}; those with an open context
 * scope (every request on a virtual thread) are sampled one by one, and count under {@code cpu}
 * while RUNNABLE (the JVM has no per-virtual-thread CPU clock). Carrier threads with a virtual
 * thread mounted are skipped, so that work is not counted twice. The sampler never samples itself.
 */
final class JdkSampler implements Sampler, Runnable {

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

	private final Sample sample = new Sample();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long dropped;

	private volatile long errors;

	private volatile String lastError;

	private long tick;

	// The sampler thread's CPU time when last read: still known after the thread has ended.
	private volatile long lastCpuTimeNanos;

	private JdkSampler(SamplerSettings settings, SampleSink sink, SamplerProvider.Environment environment,
			ThreadMXBean threads) {
		this.event = settings.event();
		this.intervalNanos = Math.max(1_000_000L, settings.interval().toNanos());
		this.sink = sink;
		this.context = environment.context();
		this.clock = environment.clock();
		this.threads = threads;
		this.frameCache = new FrameCache(environment.frames());
		this.thread = new Thread(this, "profiling-sampler-jdk");
		this.thread.setDaemon(true);
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
			try {
				tick(this.clock.nanoTime());
			}
			catch (RuntimeException ex) {
				// A failing tick must not end sampling, nor ever reach the application.
				this.errors++;
				this.lastError = ex.toString();
			}
			next += this.intervalNanos;
			long now = this.clock.nanoTime();
			if (now - next > this.intervalNanos) {
				// The tick took longer than an interval: skip the ticks missed rather than burst.
				long missed = (now - next) / this.intervalNanos;
				this.dropped += missed;
				next += missed * this.intervalNanos;
			}
			long wait = next - now;
			if (wait > 0) {
				LockSupport.parkNanos(this, wait);
			}
		}
	}

	private void tick(long now) {
		this.tick++;
		Thread self = Thread.currentThread();
		for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
			Thread sampled = entry.getKey();
			StackTraceElement[] stack = entry.getValue();
			if (sampled == self || stack.length == 0 || isMountedCarrier(sampled, stack)) {
				continue;
			}
			long weight = (this.event == SamplingEvent.CPU) ? cpuWeight(sampled) : 1;
			if (weight > 0) {
				emit(sampled, stack, weight, now);
			}
		}
		if (VIRTUAL_THREAD_CLASS != null) {
			this.context.forEachActiveThread((sampled) -> sampleVirtual(sampled, now));
		}
		if (this.tick % EVICT_EVERY_TICKS == 0) {
			this.cpu.evictOlderThan(this.tick - EVICT_EVERY_TICKS);
		}
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
			emit(sampled, stack, 1, now);
		}
	}

	private long cpuWeight(Thread sampled) {
		long cpuNanos = this.threads.getThreadCpuTime(sampled.getId());
		if (cpuNanos < 0) {
			return 0;
		}
		if (sampled.getState() != Thread.State.RUNNABLE) {
			// A pool thread that served a request and now waits for the next would otherwise
			// have the request's CPU charged to its waiting stack.
			this.cpu.defer(sampled.getId(), cpuNanos, this.tick, this.intervalNanos);
			return 0;
		}
		return this.cpu.weigh(sampled.getId(), cpuNanos, this.tick, this.intervalNanos);
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

	private void emit(Thread sampled, StackTraceElement[] stack, long weight, long now) {
		Sample sample = this.sample;
		int depth = stack.length;
		int[] frames = sample.ensureDepth(depth);
		// Java gives leaf first; samples are root first.
		for (int i = 0; i < depth; i++) {
			frames[i] = this.frameCache.idOf(stack[depth - 1 - i]);
		}
		sample.threadId = sampled.getId();
		sample.threadName = sampled.getName();
		sample.timeNanos = now;
		sample.weight = weight;
		sample.tagSetId = this.context.tagSetIdOf(sampled);
		this.sink.accept(sample);
	}

	@Override
	public long droppedSamples() {
		return this.dropped;
	}

	@Override
	public long errors() {
		return this.errors;
	}

	@Override
	public String lastError() {
		return this.lastError;
	}

	@Override
	public long cpuTimeNanos() {
		long cpu = this.threads.isThreadCpuTimeSupported() ? this.threads.getThreadCpuTime(this.thread.getId()) : -1;
		if (cpu > 0) {
			this.lastCpuTimeNanos = cpu;
		}
		return this.lastCpuTimeNanos;
	}

	@Override
	public void close() {
		cpuTimeNanos();
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
