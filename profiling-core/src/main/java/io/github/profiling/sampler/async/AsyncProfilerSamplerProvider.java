package io.github.profiling.sampler.async;

import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.JfrEnvironment;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The async-profiler sampler: CPU without safepoint bias, native and kernel frames, wall,
 * alloc and lock. The native library loads on the first start, never before (so
 * {@code mode=off} loads nothing); if it cannot load, this sampler reports why and
 * {@code auto} moves on.
 * <p>
 * {@code cpu} runs on perf_events ({@code cpu-clock}) where the kernel allows it; where
 * it does not ({@code perf_event_paranoid} 3, a container's seccomp filter) it falls back
 * to {@code ctimer}, then {@code itimer}, and the reason in the status says which engine
 * runs and why. Interval: nanoseconds of CPU ({@code cpu}) or time ({@code wall}); the
 * lock threshold ({@code lock}); {@code alloc} samples every 512 KiB allocated,
 * async-profiler's default, since a duration has no meaning in bytes.
 */
public final class AsyncProfilerSamplerProvider implements SamplerProvider {

	public static final String NAME = "async";

	/** The CPU engines in the order tried, each with how the status names it. */
	private static final String[][] CPU_ENGINES = { { "cpu-clock", "perf_events" }, { "ctimer", "ctimer" },
			{ "itimer", "itimer" } };

	private final AsyncProfilerLoader loader;

	// Where recordings go: the JVM's temp directory unless set.
	private final Path temporaryRoot;

	private AsyncProfilerLibrary library;

	private String loadFailure;

	/**
	 * async-profiler's {@code jfropts} bits 1 and 2: no OS, CPU and JVM information (the
	 * JVM's arguments and command line) and no system properties in the recording.
	 */
	static final String WITHOUT_ENVIRONMENT = ",jfropts=3";

	private final String jfrOptions;

	private volatile Availability availability;

	/**
	 * A provider whose recordings leave out the JVM's environment
	 * ({@link JfrEnvironment}).
	 */
	public AsyncProfilerSamplerProvider() {
		this(false);
	}

	/**
	 * @param recordEnvironment whether recordings hold the {@link JfrEnvironment} events
	 */
	public AsyncProfilerSamplerProvider(boolean recordEnvironment) {
		this(AsyncProfilerLoader.fromClassPath(), recordEnvironment);
	}

	public AsyncProfilerSamplerProvider(AsyncProfilerLoader loader) {
		this(loader, null, false);
	}

	/**
	 * @param recordEnvironment whether recordings hold the {@link JfrEnvironment} events
	 */
	public AsyncProfilerSamplerProvider(AsyncProfilerLoader loader, boolean recordEnvironment) {
		this(loader, null, recordEnvironment);
	}

	/**
	 * @param temporaryRoot the directory in which each run makes its own temporary
	 * directory, or {@code null} for {@code java.io.tmpdir}
	 */
	public AsyncProfilerSamplerProvider(AsyncProfilerLoader loader, Path temporaryRoot) {
		this(loader, temporaryRoot, false);
	}

	private AsyncProfilerSamplerProvider(AsyncProfilerLoader loader, Path temporaryRoot, boolean recordEnvironment) {
		this.loader = loader;
		this.temporaryRoot = temporaryRoot;
		this.jfrOptions = recordEnvironment ? "" : WITHOUT_ENVIRONMENT;
		this.availability = platformAvailability();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Availability availability() {
		return this.availability;
	}

	@Override
	public boolean supports(SamplingEvent event) {
		return true;
	}

	/**
	 * No: async-profiler 4.5 records every sample, and every {@code profiler.Span}, under
	 * the OS thread, which for a virtual thread is the carrier it was mounted on, and it
	 * has no option to record the virtual thread.
	 */
	@Override
	public boolean seesVirtualThreads() {
		return false;
	}

	@Override
	public synchronized Sampler start(SamplerSettings settings, SampleSink sink, Environment environment)
			throws Exception {
		AsyncProfilerLibrary library = load();
		long intervalNanos = settings.interval().toNanos();
		if (settings.event() != SamplingEvent.CPU) {
			String command = switch (settings.event()) {
				case WALL -> "start,event=wall,interval=" + intervalNanos;
				case ALLOC -> "start,event=alloc";
				case LOCK -> "start,event=lock,lock=" + intervalNanos;
				case CPU -> throw new IllegalStateException();
			};
			Sampler sampler = AsyncProfilerSampler.start(library, command + this.jfrOptions, this.temporaryRoot, sink,
					environment);
			this.availability = Availability.yes(describe(library, settings.event().id() + " events"));
			return sampler;
		}
		StringBuilder refused = new StringBuilder();
		for (String[] engine : CPU_ENGINES) {
			try {
				Sampler sampler = AsyncProfilerSampler.start(library,
						"start,event=" + engine[0] + ",interval=" + intervalNanos + this.jfrOptions, this.temporaryRoot,
						sink, environment);
				String how = "cpu via " + engine[1];
				if (refused.length() > 0) {
					how += " (fallback: " + refused + ")";
				}
				this.availability = Availability.yes(describe(library, how));
				return sampler;
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				// async-profiler refuses an engine the kernel denies with one of these.
				if (refused.length() > 0) {
					refused.append("; ");
				}
				refused.append(engine[1]).append(" unavailable: ").append(message(ex));
			}
		}
		throw new IllegalStateException("async-profiler could not sample cpu: " + refused);
	}

	private AsyncProfilerLibrary load() throws Exception {
		if (this.library != null) {
			return this.library;
		}
		if (this.loadFailure != null) {
			throw new IllegalStateException(this.loadFailure);
		}
		try {
			this.library = this.loader.load();
			return this.library;
		}
		catch (Exception | LinkageError ex) {
			// NoClassDefFoundError: the optional jar is absent; UnsatisfiedLinkError: the
			// native
			// library does not fit this platform, or another class loader has it.
			this.loadFailure = "async-profiler could not be loaded: " + message(ex);
			this.availability = Availability.no(this.loadFailure);
			throw new IllegalStateException(this.loadFailure, ex);
		}
	}

	private static String describe(AsyncProfilerLibrary library, String how) {
		return "async-profiler " + library.version().trim() + ", running " + how
				+ "; no safepoint bias, native frames; virtual threads tagged from their handler frame";
	}

	private static Availability platformAvailability() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		boolean linux = os.startsWith("linux")
				&& (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64") || arch.equals("arm64"));
		boolean mac = os.startsWith("mac");
		if (!linux && !mac) {
			return Availability.no("async-profiler has no native library for " + os + "/" + arch);
		}
		return Availability.yes("async-profiler: native library loads when sampling starts");
	}

	private static String message(Throwable ex) {
		String message = ex.getMessage();
		return (message != null) ? message.trim() : ex.getClass().getSimpleName();
	}

}
