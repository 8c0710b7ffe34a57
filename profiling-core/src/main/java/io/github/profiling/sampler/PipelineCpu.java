package io.github.profiling.sampler;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of a sampler's machinery since it started: its own thread and the threads
 * of what it drives (async-profiler's, JFR's, the VM thread's stack walks), told by the
 * names the operating system knows them by, as {@code /proc/self/task/<tid>/comm} shows
 * them (at most 15 characters). Thread CPU comes from {@code schedstat} (nanoseconds) or
 * else {@code stat} (clock ticks). CPU used before the sampler started is not counted; a
 * thread that ends keeps what was last read of it. Where there is no {@code /proc} only
 * the sampler's own Java thread is counted, through {@link ThreadMXBean}.
 * <p>
 * Work that the machinery does on the application's own threads (async-profiler's signal
 * handler, JFR's stack walks of the sampled thread) is not in these threads: it shows as
 * the application's CPU per request instead ({@code bench/README.md}).
 */
public final class PipelineCpu {

	private static final Path TASKS = Path.of("/proc/self/task");

	private static final long NANOS_PER_CLOCK_TICK = 10_000_000L;

	private final Thread ownThread;

	private final List<String> namePrefixes;

	// Per OS thread id: {CPU when first seen, CPU when last read}. Threads come and go
	// seldom.
	private final Map<Long, long[]> threads = new HashMap<>();

	private final boolean procAvailable = Files.isDirectory(TASKS);

	private long ownThreadLast;

	// CPU of threads whose ids went to new threads.
	private long retired;

	private long total;

	private boolean stopped;

	/**
	 * @param ownThread the sampler's Java thread, counted by its OS name as well
	 * @param namePrefixes the beginnings of the OS names of the other threads to count
	 */
	public PipelineCpu(Thread ownThread, String... namePrefixes) {
		this.ownThread = ownThread;
		this.namePrefixes = List.of(namePrefixes);
		// What the machinery's threads used before this sampler started is not its cost.
		read(true);
	}

	/**
	 * CPU nanoseconds the machinery's threads have used since the sampler started, until
	 * it {@linkplain #stop() stopped}.
	 */
	public synchronized long nanos() {
		if (this.stopped) {
			return this.total;
		}
		if (!this.procAvailable) {
			this.total = ownThreadNanos();
			return this.total;
		}
		read(false);
		long total = this.retired;
		for (long[] cpu : this.threads.values()) {
			total += cpu[1] - cpu[0];
		}
		this.total = total;
		return total;
	}

	/**
	 * The sampler stops: read a last time, before its threads end. Threads it shares with
	 * others (JFR's, the VM thread) go on working for them, and are not counted after.
	 */
	public synchronized void stop() {
		nanos();
		this.stopped = true;
	}

	private synchronized void read(boolean baseline) {
		if (!this.procAvailable) {
			return;
		}
		String ownName = osName(this.ownThread.getName());
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
			for (Path task : tasks) {
				String name = readTrimmed(task.resolve("comm"));
				if (name == null || !(name.equals(ownName) || startsWithAny(name))) {
					continue;
				}
				long cpu = cpuNanos(task);
				if (cpu < 0) {
					continue;
				}
				long[] known = this.threads.computeIfAbsent(Long.parseLong(task.getFileName().toString()),
						(tid) -> new long[] { -1, 0 });
				if (known[0] < 0) {
					// Seen first at the start: counted from now; seen first later: a new
					// thread, counted from its birth.
					known[0] = baseline ? cpu : 0;
				}
				if (cpu < known[1]) {
					// The thread ended and its id went to a new thread of the same
					// name.
					this.retired += known[1] - known[0];
					known[0] = 0;
				}
				known[1] = cpu;
			}
		}
		catch (IOException | RuntimeException ex) {
			// /proc went away or a thread ended while listed: what was read stays.
		}
	}

	private boolean startsWithAny(String name) {
		for (String prefix : this.namePrefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The name Linux keeps of a Java thread: its first 15 characters. */
	static String osName(String javaName) {
		return (javaName.length() > 15) ? javaName.substring(0, 15) : javaName;
	}

	private static long cpuNanos(Path task) {
		String schedstat = readTrimmed(task.resolve("schedstat"));
		if (schedstat != null) {
			int end = schedstat.indexOf(' ');
			return Long.parseLong((end < 0) ? schedstat : schedstat.substring(0, end));
		}
		String stat = readTrimmed(task.resolve("stat"));
		if (stat == null) {
			return -1;
		}
		// The name, in parentheses, may hold spaces: fields are counted after it.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_CLOCK_TICK;
	}

	private static String readTrimmed(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private long ownThreadNanos() {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		long cpu = bean.isThreadCpuTimeSupported() ? bean.getThreadCpuTime(this.ownThread.getId()) : -1;
		if (cpu > 0) {
			this.ownThreadLast = cpu;
		}
		return this.ownThreadLast;
	}

}
