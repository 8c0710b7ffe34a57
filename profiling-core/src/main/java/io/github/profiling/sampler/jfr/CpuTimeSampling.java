package io.github.profiling.sampler.jfr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * JFR's CPU-time sampling (JDK 25+, Linux; JEP 509): each thread is sampled by a timer on
 * its own CPU clock, so a sample stands for an interval of CPU that thread used, whether
 * in Java or native code, and a virtual thread's sample is the virtual thread's. Where
 * the JVM has it, the jfr sampler uses it for event {@code cpu} at intervals of
 * {@link #MIN_INTERVAL} or more, instead of {@code jdk.ExecutionSample}, which samples
 * only threads running Java code, a few at each period.
 * <p>
 * Below {@link #MIN_INTERVAL} its samples come too seldom: Linux fires CPU-clock timers
 * at its scheduler's tick (every 4 ms at HZ=250), and a sample still says it stands for
 * the interval asked for (measured: 1 ms and 2 ms both gave one sample per 4 ms of CPU).
 * <p>
 * Its timers signal {@code SIGPROF}, and JFR refuses to start them (it logs "Conflicting
 * SIGPROF handler found" and records nothing) once another handler is installed, as
 * async-profiler's is for good once it has run in the JVM.
 */
final class CpuTimeSampling {

	static final String SAMPLE_EVENT = "jdk.CPUTimeSample";

	static final String LOST_EVENT = "jdk.CPUTimeSamplesLost";

	/** The shortest interval sampled by CPU clocks: a tick of a kernel at HZ=100. */
	static final Duration MIN_INTERVAL = Duration.ofMillis(10);

	private static final Path MAPPED_FILES = Path.of("/proc/self/maps");

	private static volatile Boolean inThisJvm;

	private static volatile boolean asyncProfilerSeen;

	private CpuTimeSampling() {
	}

	/** Whether the jfr sampler samples event cpu by the threads' CPU clocks. */
	static boolean isUsable() {
		return whyNotUsable() == null;
	}

	/** Why event cpu is sampled by {@code jdk.ExecutionSample}, or {@code null}. */
	static String whyNotUsable() {
		if (!hasEventType()) {
			return "this JVM has no " + SAMPLE_EVENT + " (JDK 25+ on Linux)";
		}
		if (asyncProfilerLoaded()) {
			return "async-profiler has run in this JVM, and its SIGPROF handler keeps JFR's CPU-time sampler "
					+ "from starting";
		}
		return null;
	}

	private static boolean hasEventType() {
		Boolean known = inThisJvm;
		if (known == null) {
			known = System.getProperty("os.name", "").startsWith("Linux") && findEventType();
			inThisJvm = known;
		}
		return known;
	}

	private static boolean findEventType() {
		try {
			for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
				if (SAMPLE_EVENT.equals(type.getName())) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Whether async-profiler's native library is mapped into this process: once loaded,
	 * it stays.
	 */
	private static boolean asyncProfilerLoaded() {
		if (asyncProfilerSeen) {
			return true;
		}
		try (Stream<String> lines = Files.lines(MAPPED_FILES)) {
			asyncProfilerSeen = lines.anyMatch((line) -> line.contains("asyncProfiler"));
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or not readable: JFR finds out by itself.
		}
		return asyncProfilerSeen;
	}

}
