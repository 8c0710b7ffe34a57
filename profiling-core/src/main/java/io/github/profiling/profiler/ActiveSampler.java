package io.github.profiling.profiler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.model.SampleSink;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.store.RequestProfiles;
import io.github.profiling.store.Recording;
import io.github.profiling.tracing.Tracer;
import io.github.profiling.tracing.TracingTargets;
import io.github.profiling.tracing.TracingUnavailableException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one sampler that runs (the tracer in tracing mode): starts it into the store under
 * a recording of its own, stops it, and says why none could start. Started and stopped
 * under the profiler's switch lock; what it publishes is read without it.
 */
final class ActiveSampler {

	private final SamplerChoice choice;

	private final SamplerStatistics statistics;

	private final ProfileStore store;

	private final RequestProfiles requests;

	// Where samplers deliver: the store, and the kept requests' own trees.
	private final SampleSink sink;

	private final SamplerProvider.Environment environment;

	private final ProfilingClock clock;

	private volatile RunningSampler running;

	// When the data was last reset (at first, created), on the samples' clock: samples
	// taken before it are dropped.
	private volatile long dropBeforeNanos;

	// Why the last start failed, or null.
	private volatile String problem;

	// Why each sampler that was tried could not start, in the last start; immutable.
	private volatile Map<String, String> startFailures = Map.of();

	ActiveSampler(SamplerChoice choice, SamplerStatistics statistics, ProfileStore store, RequestProfiles requests,
			FrameTable frames, ProfilingContext context, ProfilingClock clock) {
		this.choice = choice;
		this.statistics = statistics;
		this.store = store;
		this.requests = requests;
		this.sink = (sample) -> {
			if (sample.timeNanos - this.dropBeforeNanos >= 0) {
				store.accept(sample);
				requests.accept(sample);
			}
		};
		this.environment = new SamplerProvider.Environment(frames, context, clock);
		this.clock = clock;
		this.dropBeforeNanos = clock.nanoTime();
	}

	/**
	 * Samples taken before a reset, which late samplers deliver after it, are dropped
	 * with the rest.
	 */
	void dropSamplesTakenBefore(long nanos) {
		this.dropBeforeNanos = nanos;
	}

	/** The sampler running now, or {@code null}. */
	RunningSampler running() {
		return this.running;
	}

	String problem() {
		return this.problem;
	}

	void setProblem(String problem) {
		this.problem = problem;
	}

	Map<String, String> startFailures() {
		return this.startFailures;
	}

	/**
	 * Keeps showing {@code earlier}'s failures beside the last start's, for a refused
	 * switch.
	 */
	void alsoShowFailures(Map<String, String> earlier) {
		Map<String, String> shown = new LinkedHashMap<>(this.startFailures);
		earlier.forEach(shown::putIfAbsent);
		this.startFailures = Map.copyOf(shown);
	}

	/**
	 * Starts the sampler {@code settings} ask for, or the first candidate that starts; if
	 * none does, {@link #problem()} says why and the data stays as it was.
	 */
	void start(ProfilerSettings settings, TracingTargets tracingTargets) {
		this.problem = null;
		Map<String, String> failures = new LinkedHashMap<>();
		try {
			if (settings.mode() == Mode.TRACING) {
				startTracer(tracingTargets, failures);
				return;
			}
			SamplerSettings samplerSettings = new SamplerSettings(settings.event(), settings.interval());
			for (SamplerProvider provider : this.choice.candidates(settings, tracingTargets)) {
				try {
					Sampler sampler = provider.start(samplerSettings,
							this.statistics.counting(provider.name(), this.sink), this.environment);
					// Once it runs, so that a sampler that cannot start leaves the data
					// as it was; data
					// of another sampler, event or interval is dropped, with any sample
					// the new one
					// already delivered under the old labels.
					Recording recording = new Recording(provider.name(), settings.event().id(), settings.interval(),
							settings.event().unit());
					this.store.startRecording(recording);
					this.requests.startRecording(recording);
					started(provider.name(), sampler);
					return;
				}
				catch (Exception | LinkageError ex) {
					failures.put(provider.name(), "failed to start: " + ex.getMessage());
				}
			}
			this.problem = "no sampler could start: " + failures;
		}
		catch (InvalidSettingException ex) {
			this.problem = ex.getMessage();
		}
		finally {
			this.startFailures = Map.copyOf(failures);
		}
	}

	private void startTracer(TracingTargets targets, Map<String, String> failures) {
		try {
			Tracer tracer = Tracer.start(targets, this.statistics.counting(Tracer.NAME, this.sink),
					this.environment.frames(), this.environment.context(), this.clock);
			this.store.startRecording(Recording.ofTracer());
			this.requests.startRecording(Recording.ofTracer());
			started(Tracer.NAME, tracer);
		}
		catch (TracingUnavailableException ex) {
			failures.put(Tracer.NAME, "failed to start: " + ex.getMessage());
			this.problem = "tracing could not start: " + ex.getMessage();
		}
	}

	private void started(String name, Sampler sampler) {
		this.statistics.started(name, sampler);
		this.running = new RunningSampler(name, sampler, this.clock.toInstant(this.clock.nanoTime()));
	}

	/** Stops the running sampler, if any; its counts are kept. */
	void stop() {
		RunningSampler stopping = this.running;
		if (stopping != null) {
			// Unpublished first: request tagging and queries stop using it before it
			// closes.
			this.running = null;
			stopping.sampler().close();
			this.statistics.stopped(stopping.name());
		}
	}

	/**
	 * Has the running sampler hand over what it holds back (the tracer's calls), so a
	 * query sees it.
	 */
	void flush() {
		RunningSampler current = this.running;
		if (current != null) {
			current.sampler().flush();
		}
	}

}
