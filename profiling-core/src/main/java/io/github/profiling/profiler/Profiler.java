package io.github.profiling.profiler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.sample.FrameTable;
import io.github.profiling.sample.ProfilingClock;
import io.github.profiling.sample.SampleSink;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerProvider.Availability;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.store.LiveCursor;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.Recording;
import io.github.profiling.store.TaggedTrees;
import io.github.profiling.store.TagShare;
import io.github.profiling.store.TaggedTrees;
import io.github.profiling.tracing.Tracer;
import io.github.profiling.tracing.Tracing;
import io.github.profiling.tracing.TracingTargets;
import io.github.profiling.tracing.TracingUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The profiler of one application: its settings, the sampler running now, and the store its
 * samples go to. Settings change at run time through {@link #apply}; the data collected so far
 * belongs to one {@link Recording} (sampler, event, interval): a change of any of them starts a
 * new recording and drops the data of the previous one, so that weights of different kinds are
 * never added together. Plain Java: the Spring endpoint only delegates here.
 * <p>
 * In tracing mode a {@link Tracer} takes the sampler's place, under a recording of its own.
 */
public final class Profiler implements AutoCloseable {

	/** Distinct frame names kept; more show as {@link FrameTable#OVERFLOW}. */
	public static final int MAX_FRAMES = 1_000_000;

	private final List<SamplerProvider> providers;

	private final ProfilingContext context;

	private final ProfilingClock clock;

	private final FrameTable frames = new FrameTable(MAX_FRAMES);

	private final ProfileStore store;

	private ProfilerSettings settings = ProfilerSettings.DEFAULTS;

	private Sampler sampler;

	// The sampler when it is the tracer: queries flush it first, without taking the lock.
	private volatile Tracer tracer;

	private TracingTargets tracingTargets = TracingTargets.NONE;

	private String samplerName;

	private Instant startedAt;

	private String problem;

	private boolean onDemand;

	// Clients that want samples now (open live streams); counts only with on-demand profiling.
	private int demand;

	// Read on every HTTP request by request tagging, so a plain volatile rather than the lock.
	private volatile boolean running;

	private final Map<String, String> startFailures = new LinkedHashMap<>();

	// Per sampler: what it took, dropped, failed and cost, over every run of it.
	private final Map<String, SamplerStats> stats = new LinkedHashMap<>();

	private SamplerStats runningStats;

	// How it is known that requests run on virtual threads, or null: auto then prefers samplers that see them.
	private volatile String virtualThreads;

	public Profiler(List<SamplerProvider> providers, ProfilingContext context, ProfilingClock clock,
			Duration retention, int maxNodes) {
		if (providers.isEmpty()) {
			throw new IllegalArgumentException("at least one sampler provider is needed");
		}
		this.providers = List.copyOf(providers);
		this.context = context;
		this.clock = clock;
		this.store = new ProfileStore(this.frames, context.tagSets(), clock, Duration.ofSeconds(1), retention,
				maxNodes);
		this.providers.forEach((provider) -> this.stats.put(provider.name(), new SamplerStats()));
		this.stats.put(Tracer.NAME, new SamplerStats());
		context.onVirtualThreadScope(new VirtualThreadScopeListener(this));
	}

	/**
	 * Requests run on virtual threads, as {@code how} says: {@code auto} then prefers the samplers
	 * that see a virtual thread as itself (and so every tag of its scopes) to those that see only
	 * its carrier, and switches to one if it runs another now (a new recording: the carrier's
	 * samples are not added to the virtual threads' own).
	 */
	public void servesVirtualThreads(String how) {
		if (this.virtualThreads != null) {
			return;
		}
		this.virtualThreads = how;
		// Off the calling thread, which may be a request's: a switch waits for the sampler to stop.
		Thread switcher = new Thread(this::preferSamplerSeeingVirtualThreads, "profiling-sampler-switch");
		switcher.setDaemon(true);
		switcher.start();
	}

	private synchronized void preferSamplerSeeingVirtualThreads() {
		if (this.sampler == null || this.tracer != null || !ProfilerSettings.AUTO.equals(this.settings.sampler())) {
			return;
		}
		for (SamplerProvider provider : this.providers) {
			if (provider.name().equals(this.samplerName) && provider.seesVirtualThreads()) {
				return;
			}
		}
		List<SamplerProvider> candidates;
		try {
			candidates = candidates(this.settings);
		}
		catch (InvalidSettingException ex) {
			return;
		}
		if (candidates.get(0).seesVirtualThreads()) {
			stopSampler();
			startSampler(this.settings, candidates);
		}
	}

	/**
	 * Applies new settings: stops the running sampler if anything changed and starts the one the
	 * settings ask for.
	 * @throws InvalidSettingException naming the parameter, if the settings cannot be run here;
	 * the profiler then keeps its previous settings and sampler
	 */
	public synchronized void apply(ProfilerSettings next) {
		List<SamplerProvider> candidates = candidates(next);
		if (next.equals(this.settings) && (this.sampler != null || !shouldSample(next))) {
			return;
		}
		ProfilerSettings previous = this.settings;
		boolean wasRunning = this.sampler != null;
		stopSampler();
		this.settings = next;
		this.problem = null;
		if (shouldSample(next)) {
			startSampler(next, candidates);
			if (this.sampler == null && wasRunning) {
				restoreAfterFailedSwitch(previous, next);
			}
		}
	}

	/**
	 * A switch whose sampler could not start: what ran before runs again, its data kept, and the
	 * switch is refused with the reason.
	 */
	private void restoreAfterFailedSwitch(ProfilerSettings previous, ProfilerSettings failed) {
		String reason = this.problem;
		Map<String, String> failures = new LinkedHashMap<>(this.startFailures);
		this.settings = previous;
		this.problem = null;
		startSampler(previous, candidates(previous));
		// The status still shows why the asked-for sampler could not start.
		failures.forEach(this.startFailures::putIfAbsent);
		String kept = (this.samplerName != null) ? "; the " + this.samplerName + " sampler runs on"
				: "; and the previous sampler could not start again either";
		throw new InvalidSettingException((failed.mode() == Mode.TRACING) ? "mode" : "sampler", reason + kept);
	}

	/** Whether a sampler should run now: the mode asks for it, and on demand, a client watches. */
	private boolean shouldSample(ProfilerSettings settings) {
		return settings.mode() != Mode.OFF && (!this.onDemand || this.demand > 0);
	}

	private void startSampler(ProfilerSettings settings, List<SamplerProvider> candidates) {
		this.startFailures.clear();
		if (settings.mode() == Mode.TRACING) {
			startTracer();
			return;
		}
		SamplerSettings samplerSettings = new SamplerSettings(settings.event(), settings.interval());
		SamplerProvider.Environment environment = new SamplerProvider.Environment(this.frames, this.context,
				this.clock);
		for (SamplerProvider provider : candidates) {
			try {
				SamplerStats stats = this.stats.get(provider.name());
				this.sampler = provider.start(samplerSettings, stats.counting(this.store), environment);
				// Once it runs, so that a sampler that cannot start leaves the data as it was; data of
				// another sampler, event or interval is dropped, with any sample the new one already
				// delivered under the old labels.
				this.store.startRecording(new Recording(provider.name(), settings.event().id(), settings.interval(),
						settings.event().unit()));
				this.runningStats = stats;
				this.samplerName = provider.name();
				this.startedAt = this.clock.toInstant(this.clock.nanoTime());
				this.running = true;
				return;
			}
			catch (Exception | LinkageError ex) {
				this.startFailures.put(provider.name(), "failed to start: " + ex.getMessage());
			}
		}
		this.problem = "no sampler could start: " + this.startFailures;
	}

	/**
	 * Profiles on demand, as the original's remote mode did: the sampler runs only while at least
	 * one client holds a demand (a live stream is open).
	 */
	public synchronized void setOnDemand(boolean onDemand) {
		this.onDemand = onDemand;
		reconcile();
	}

	public synchronized boolean isOnDemand() {
		return this.onDemand;
	}

	/** A client starts watching: with on-demand profiling, the first one starts the sampler. */
	public synchronized void acquireDemand() {
		this.demand++;
		reconcile();
	}

	/** A client stops watching: with on-demand profiling, the last one stops the sampler. */
	public synchronized void releaseDemand() {
		if (this.demand > 0) {
			this.demand--;
		}
		reconcile();
	}

	/** Starts or stops the sampler so that it runs exactly when the settings and demand say. */
	private void reconcile() {
		boolean wanted = shouldSample(this.settings);
		if (wanted && this.sampler == null) {
			try {
				startSampler(this.settings, candidates(this.settings));
			}
			catch (InvalidSettingException ex) {
				this.problem = ex.getMessage();
			}
		}
		else if (!wanted && this.sampler != null) {
			stopSampler();
		}
	}

	/**
	 * The providers to try, in order, for {@code settings}; checks that settings can run here.
	 */
	private List<SamplerProvider> candidates(ProfilerSettings settings) {
		if (settings.mode() == Mode.TRACING) {
			checkTracing(this.tracingTargets);
			return List.of();
		}
		List<SamplerProvider> candidates = new ArrayList<>();
		if (ProfilerSettings.AUTO.equals(settings.sampler())) {
			for (SamplerProvider provider : this.providers) {
				if (provider.availability().available() && provider.supports(settings.event())) {
					candidates.add(provider);
				}
			}
			if (candidates.isEmpty()) {
				throw new InvalidSettingException("event",
						"no available sampler samples event " + settings.event().id() + " here; see samplers in the status");
			}
			if (this.virtualThreads != null) {
				// Stable: the installed order holds within each group.
				candidates.sort(java.util.Comparator.comparing((SamplerProvider provider) -> !provider.seesVirtualThreads()));
			}
			return candidates;
		}
		for (SamplerProvider provider : this.providers) {
			if (provider.name().equals(settings.sampler())) {
				Availability availability = provider.availability();
				if (!availability.available()) {
					throw new InvalidSettingException("sampler",
							"sampler " + provider.name() + " is not available: " + availability.reason());
				}
				if (!provider.supports(settings.event())) {
					throw new InvalidSettingException("event",
							"sampler " + provider.name() + " does not sample event " + settings.event().id());
				}
				return List.of(provider);
			}
		}
		throw new InvalidSettingException("sampler",
				"unknown sampler '" + settings.sampler() + "'; use " + String.join(", ", samplerNames()));
	}

	private static void checkTracing(TracingTargets targets) {
		if (targets.isEmpty()) {
			throw new InvalidSettingException("tracing.include",
					"tracing needs the classes to trace: set tracing.include, e.g. com.example.**");
		}
		try {
			Tracing.attach();
		}
		catch (TracingUnavailableException ex) {
			throw new InvalidSettingException("mode", "tracing is not available here: " + ex.getMessage());
		}
	}

	private void startTracer() {
		try {
			Tracer started = Tracer.start(this.tracingTargets, this.store, this.frames, this.context, this.clock);
			this.store.startRecording(Recording.ofTracer());
			this.sampler = started;
			this.tracer = started;
			this.runningStats = this.stats.get(Tracer.NAME);
			this.samplerName = Tracer.NAME;
			this.startedAt = this.clock.toInstant(this.clock.nanoTime());
			this.running = true;
		}
		catch (TracingUnavailableException ex) {
			this.startFailures.put(Tracer.NAME, "failed to start: " + ex.getMessage());
			this.problem = "tracing could not start: " + ex.getMessage();
		}
	}

	/**
	 * Sets which classes tracing instruments; a running tracer is restarted with them.
	 * @throws InvalidSettingException if tracing runs and there would be nothing left to trace
	 */
	public synchronized void setTracingTargets(TracingTargets targets) {
		if (targets.equals(this.tracingTargets)) {
			return;
		}
		if (this.settings.mode() == Mode.TRACING) {
			checkTracing(targets);
			stopSampler();
			this.tracingTargets = targets;
			this.problem = null;
			this.startFailures.clear();
			startTracer();
		}
		else {
			this.tracingTargets = targets;
		}
	}

	public synchronized TracingTargets tracingTargets() {
		return this.tracingTargets;
	}

	/** Where the data held came from: sampler, event, interval, unit; {@code null} before anything ran. */
	public Recording recording() {
		return this.store.recording();
	}

	/** {@code auto} and the names of the installed samplers. */
	public List<String> samplerNames() {
		List<String> names = new ArrayList<>();
		names.add(ProfilerSettings.AUTO);
		this.providers.forEach((provider) -> names.add(provider.name()));
		return names;
	}

	/**
	 * Applies the settings an application starts with. Unlike {@link #apply}, a setting that
	 * cannot run here does not fail: a profiler must never stop an application from starting.
	 * The status then shows the problem and the profiler stays off.
	 * @return the problem, or {@code null} if the settings were applied
	 */
	public synchronized String applyAtStartup(ProfilerSettings initial) {
		return applyAtStartup(initial, this::tracingTargets);
	}

	/**
	 * Like {@link #applyAtStartup(ProfilerSettings)}, with the classes to trace, whose patterns
	 * may be malformed: that too is a problem in the status, not a failure.
	 */
	public synchronized String applyAtStartup(ProfilerSettings initial, Supplier<TracingTargets> tracingTargets) {
		try {
			setTracingTargets(tracingTargets.get());
			apply(initial);
			return this.problem;
		}
		catch (InvalidSettingException ex) {
			this.settings = initial.withMode(Mode.OFF);
			this.problem = "management.profiling." + ex.parameter() + ": " + ex.getMessage();
			return this.problem;
		}
	}

	private void stopSampler() {
		this.running = false;
		this.tracer = null;
		if (this.sampler != null) {
			this.sampler.close();
			this.runningStats.retire(this.sampler);
			this.runningStats = null;
			this.sampler = null;
			this.samplerName = null;
			this.startedAt = null;
		}
	}

	public synchronized ProfilerSettings settings() {
		return this.settings;
	}

	/** The name of the running sampler, or {@code null}. */
	public synchronized String activeSampler() {
		return this.samplerName;
	}

	/** Whether a sampler runs now. Lock-free: request tagging asks on every request. */
	public boolean isRunning() {
		return this.running;
	}

	public synchronized ProfilerStatus status() {
		Map<String, Availability> samplers = new LinkedHashMap<>();
		for (SamplerProvider provider : this.providers) {
			Availability availability = provider.availability();
			String failure = this.startFailures.get(provider.name());
			if (failure != null) {
				availability = Availability.no(failure);
			}
			else if (this.virtualThreads != null && !provider.seesVirtualThreads() && availability.available()
					&& ProfilerSettings.AUTO.equals(this.settings.sampler())) {
				availability = Availability.yes("not chosen by auto: requests run on virtual threads (" + this.virtualThreads
						+ "), which " + provider.name() + " samples as their carrier threads: samples outside the handler"
						+ " method and every header and user tag would be lost; select it by name to use it anyway. "
						+ availability.reason());
			}
			String note = (this.sampler != null && provider.name().equals(this.samplerName)) ? this.sampler.note() : null;
			if (note != null && availability.available()) {
				availability = Availability.yes(availability.reason() + "; now " + note);
			}
			samplers.put(provider.name(), availability);
		}
		String tracerFailure = this.startFailures.get(Tracer.NAME);
		Tracer runningTracer = this.tracer;
		samplers.put(Tracer.NAME, (tracerFailure != null) ? Availability.no(tracerFailure)
				: (runningTracer != null) ? Availability.yes(runningTracer.describe()) : Tracing.availability());
		flushTracer();
		long dropped = 0;
		long errors = 0;
		for (Map.Entry<String, SamplerStats> entry : this.stats.entrySet()) {
			dropped += droppedSamples(entry.getKey());
			errors += entry.getValue().retiredErrors + ((entry.getValue() == this.runningStats) ? this.sampler.errors() : 0);
		}
		String lastError = (this.sampler != null) ? this.sampler.lastError() : null;
		String degradedReason = (this.sampler != null) ? this.sampler.degradedReason() : null;
		String state = (this.sampler != null) ? ((degradedReason != null) ? ProfilerStatus.DEGRADED : ProfilerStatus.RUNNING)
				: shouldSample(this.settings) ? ProfilerStatus.STOPPED : ProfilerStatus.OFF;
		return new ProfilerStatus(this.settings.mode(), this.samplerName, this.settings.event().id(),
				this.settings.interval().toMillis(), this.sampler != null, this.startedAt, this.store.totalWeight(),
				dropped, errors, lastError, this.store.nodes(), this.store.maxNodes(), this.store.retainedBytes(),
				this.store.retainedSeconds(), this.store.startedAt(), this.onDemand, samplers,
				this.context.tagSets().keys(), this.problem, state, degradedReason);
	}

	/** Every tag set requests and scopes have carried so far, sampled or not. */
	public List<io.github.profiling.context.TagSet> knownTagSets() {
		io.github.profiling.context.TagSets sets = this.context.tagSets();
		List<io.github.profiling.context.TagSet> known = new ArrayList<>();
		for (int id = 0, size = sets.size(); id < size; id++) {
			known.add(sets.get(id));
		}
		return known;
	}

	/** Samples a sampler has delivered, over all its runs. */
	public long samplesTaken(String sampler) {
		SamplerStats stats = this.stats.get(sampler);
		return (stats != null) ? stats.taken.sum() : 0;
	}

	/** Samples a sampler could not take or deliver, over all its runs. */
	public synchronized long droppedSamples(String sampler) {
		SamplerStats stats = this.stats.get(sampler);
		if (stats == null) {
			return 0;
		}
		return stats.retiredDropped + ((stats == this.runningStats) ? this.sampler.droppedSamples() : 0);
	}

	/** CPU time the samplers' own threads used, over all runs: the profiler's own cost. */
	public synchronized long cpuTimeNanos() {
		long total = 0;
		for (SamplerStats stats : this.stats.values()) {
			total += stats.retiredCpuNanos;
		}
		return total + ((this.sampler != null) ? this.sampler.cpuTimeNanos() : 0);
	}

	/**
	 * Writes the raw JFR that the running sampler keeps.
	 * @return whether it wrote one: {@code false} when no sampler runs or it records no JFR
	 */
	public synchronized boolean writeJfr(java.nio.file.Path target) throws java.io.IOException {
		return this.sampler != null && this.sampler.writeJfr(target);
	}

	public QueryResult query(ProfileQuery query) {
		flushTracer();
		return this.store.query(query);
	}

	/**
	 * One tree per tag set for a query, not pruned, for exports that keep every sample's tags
	 * (pprof labels).
	 */
	public TaggedTrees queryByTags(ProfileQuery query) {
		flushTracer();
		return this.store.queryByTags(query);
	}

	/**
	 * Index of the store bucket in progress now; with {@link #queryByTags} over
	 * {@code Window.buckets(from, to)}, what lets an exporter send each complete bucket once.
	 */
	public long currentBucket() {
		return this.store.currentBucket();
	}

	/**
	 * The windows of one live stream over this profiler's store: complete buckets since the
	 * previous event, or the last {@code seconds} of them.
	 */
	public LiveCursor liveCursor(long intervalSeconds, long seconds) {
		return new LiveCursor(this.store, intervalSeconds, seconds);
	}

	/** Nanoseconds until the bucket in progress completes. */
	public long nanosUntilNextBucket() {
		return this.store.nanosUntilNextBucket();
	}

	/** Nanoseconds one store bucket covers. */
	public long bucketNanos() {
		return this.store.bucketNanos();
	}

	public List<TagShare> tagShares(ProfileQuery query) {
		flushTracer();
		return this.store.tagShares(query);
	}

	/** Hands the calls traced so far to the store, so that a query sees them all. */
	private void flushTracer() {
		Tracer current = this.tracer;
		if (current != null) {
			current.flush();
		}
	}

	public ProfileStore store() {
		return this.store;
	}

	/**
	 * The application is ready to serve: what was sampled before is its startup, a window of its
	 * own, and "since start" begins now.
	 */
	public void markReady() {
		this.store.markReady();
	}

	/** Drops the data collected so far, and starts the caps on tag values afresh; sampling goes on. */
	public void reset() {
		this.store.reset();
		this.context.tagSets().reset();
	}

	/** Stops sampling; the data stays readable. */
	@Override
	public synchronized void close() {
		stopSampler();
		this.settings = this.settings.withMode(Mode.OFF);
	}

	/** Tells a profiler of the first scope on a virtual thread, without keeping it alive. */
	private static final class VirtualThreadScopeListener implements Runnable {

		private final java.lang.ref.WeakReference<Profiler> profiler;

		VirtualThreadScopeListener(Profiler profiler) {
			this.profiler = new java.lang.ref.WeakReference<>(profiler);
		}

		@Override
		public void run() {
			Profiler target = this.profiler.get();
			if (target != null) {
				target.servesVirtualThreads("request scopes open on virtual threads");
			}
		}

	}

	/** What one kind of sampler did over all its runs. Counting costs one LongAdder increment. */
	private static final class SamplerStats {

		final LongAdder taken = new LongAdder();

		long retiredDropped;

		long retiredErrors;

		long retiredCpuNanos;

		SampleSink counting(SampleSink sink) {
			return (sample) -> {
				this.taken.increment();
				sink.accept(sample);
			};
		}

		void retire(Sampler sampler) {
			this.retiredDropped += sampler.droppedSamples();
			this.retiredErrors += sampler.errors();
			this.retiredCpuNanos += sampler.cpuTimeNanos();
		}

	}

}
