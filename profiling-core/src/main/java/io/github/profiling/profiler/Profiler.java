package io.github.profiling.profiler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.store.DiffResult;
import io.github.profiling.store.LiveCursor;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.RequestProfiles;
import io.github.profiling.store.Recording;
import io.github.profiling.store.TagShare;
import io.github.profiling.store.TaggedTrees;
import io.github.profiling.store.Timeline;
import io.github.profiling.tracing.Tracer;
import io.github.profiling.tracing.TracingTargets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The profiler of one application: its settings, the sampler running now, and the store
 * its samples go to. Settings change at run time through {@link #apply}; the data
 * collected so far belongs to one {@link Recording} (sampler, event, interval): a change
 * of any of them starts a new recording and drops the data of the previous one, so that
 * weights of different kinds are never added together. Plain Java: the Spring endpoint
 * only delegates here.
 * <p>
 * This class is the settings' state machine; which sampler runs is
 * {@link SamplerChoice}'s decision, on-demand profiling {@link Demand}'s, the counts over
 * runs {@link SamplerStatistics}'. In tracing mode a {@link Tracer} is the running
 * sampler, under a recording of its own, and feeds the store through a sink like every
 * sampler.
 * <p>
 * Changes are serialised by a lock that only changes take: a switch may take seconds
 * (tracing instruments classes), and the status, the queries and the metrics never wait
 * for one. They read the state a change publishes as it goes.
 */
public final class Profiler implements AutoCloseable {

	/** Distinct frame names kept; more show as {@link FrameTable#OVERFLOW}. */
	public static final int MAX_FRAMES = 1_000_000;

	private final SamplerChoice choice;

	private final ProfilingContext context;

	private final ProfilingClock clock;

	private final FrameTable frames = new FrameTable(MAX_FRAMES);

	private final ProfileStore store;

	private final RequestProfiles requests;

	private final SamplerStatistics statistics;

	private final Demand demand = new Demand();

	private final ActiveSampler active;

	// Taken by changes only; the fields below are written under it and read without it.
	private final Object switchLock = new Object();

	private volatile ProfilerSettings settings = ProfilerSettings.DEFAULTS;

	private volatile TracingTargets tracingTargets = TracingTargets.NONE;

	public Profiler(List<SamplerProvider> providers, ProfilingContext context, ProfilingClock clock, Duration retention,
			int maxNodes) {
		this(providers, context, clock, retention, maxNodes, RequestProfiles.Settings.defaults());
	}

	public Profiler(List<SamplerProvider> providers, ProfilingContext context, ProfilingClock clock, Duration retention,
			int maxNodes, RequestProfiles.Settings requestSettings) {
		this.choice = new SamplerChoice(providers);
		this.context = context;
		this.clock = clock;
		this.store = new ProfileStore(this.frames, context.tagSets(), clock, Duration.ofSeconds(1), retention,
				maxNodes);
		List<String> names = new ArrayList<>(this.choice.providerNames());
		names.add(Tracer.NAME);
		this.statistics = new SamplerStatistics(names);
		this.requests = new RequestProfiles(this.frames, context.tagSets(), clock, retention, requestSettings);
		this.active = new ActiveSampler(this.choice, this.statistics, this.store, this.requests, this.frames, context,
				clock);
		context.onVirtualThreadScope(new VirtualThreadScopeListener(this));
	}

	/**
	 * Requests run on virtual threads, as {@code how} says: {@code auto} then prefers the
	 * samplers that see a virtual thread as itself (and so every tag of its scopes) to
	 * those that see only its carrier, and switches to one if it runs another now (a new
	 * recording: the carrier's samples are not added to the virtual threads' own).
	 */
	public void servesVirtualThreads(String how) {
		if (!this.choice.servesVirtualThreads(how)) {
			return;
		}
		// Off the calling thread, which may be a request's: a switch waits for the
		// sampler to stop.
		Thread switcher = new Thread(this::preferSamplerSeeingVirtualThreads, "profiling-sampler-switch");
		switcher.setDaemon(true);
		switcher.start();
	}

	private void preferSamplerSeeingVirtualThreads() {
		synchronized (this.switchLock) {
			RunningSampler current = this.active.running();
			if (current != null && this.choice.prefersAnother(this.settings, current.name())) {
				this.active.stop();
				this.active.start(this.settings, this.tracingTargets);
			}
		}
	}

	/**
	 * Applies new settings: stops the running sampler if anything changed and starts the
	 * one the settings ask for.
	 * @throws InvalidSettingException naming the parameter, if the settings cannot be run
	 * here; the profiler then keeps its previous settings and sampler
	 */
	public void apply(ProfilerSettings next) {
		synchronized (this.switchLock) {
			this.choice.candidates(next, this.tracingTargets);
			if (next.equals(this.settings) && (isRunning() || !this.demand.wantsSampling(next))) {
				return;
			}
			ProfilerSettings previous = this.settings;
			boolean wasRunning = isRunning();
			this.active.stop();
			this.settings = next;
			this.active.setProblem(null);
			if (this.demand.wantsSampling(next)) {
				this.active.start(next, this.tracingTargets);
				if (!isRunning() && wasRunning) {
					restoreAfterFailedSwitch(previous, next);
				}
			}
		}
	}

	/**
	 * A switch whose sampler could not start: what ran before runs again, its data kept,
	 * and the switch is refused with the reason.
	 */
	private void restoreAfterFailedSwitch(ProfilerSettings previous, ProfilerSettings failed) {
		String reason = this.active.problem();
		Map<String, String> failures = this.active.startFailures();
		this.settings = previous;
		this.active.start(previous, this.tracingTargets);
		// The status still shows why the asked-for sampler could not start.
		this.active.alsoShowFailures(failures);
		RunningSampler restored = this.active.running();
		String kept = (restored != null) ? "; the " + restored.name() + " sampler runs on"
				: "; and the previous sampler could not start again either";
		throw new InvalidSettingException((failed.mode() == Mode.TRACING) ? "mode" : "sampler", reason + kept);
	}

	/**
	 * Profiles on demand, as the original's remote mode did: the sampler runs only while
	 * at least one client holds a demand (a live stream is open).
	 */
	public void setOnDemand(boolean onDemand) {
		synchronized (this.switchLock) {
			this.demand.setOnDemand(onDemand);
			reconcile();
		}
	}

	public boolean isOnDemand() {
		return this.demand.onDemand();
	}

	/**
	 * A client starts watching: with on-demand profiling, the first one starts the
	 * sampler.
	 */
	public void acquireDemand() {
		synchronized (this.switchLock) {
			this.demand.acquire();
			reconcile();
		}
	}

	/**
	 * A client stops watching: with on-demand profiling, the last one stops the sampler.
	 */
	public void releaseDemand() {
		synchronized (this.switchLock) {
			this.demand.release();
			reconcile();
		}
	}

	/**
	 * Starts or stops the sampler so that it runs exactly when the settings and demand
	 * say.
	 */
	private void reconcile() {
		boolean wanted = this.demand.wantsSampling(this.settings);
		if (wanted && !isRunning()) {
			this.active.start(this.settings, this.tracingTargets);
		}
		else if (!wanted && isRunning()) {
			this.active.stop();
		}
	}

	/**
	 * Sets which classes tracing instruments; a running tracer is restarted with them.
	 * @throws InvalidSettingException if tracing runs and there would be nothing left to
	 * trace
	 */
	public void setTracingTargets(TracingTargets targets) {
		synchronized (this.switchLock) {
			if (targets.equals(this.tracingTargets)) {
				return;
			}
			if (this.settings.mode() == Mode.TRACING) {
				SamplerChoice.checkTracing(targets);
				this.active.stop();
				this.tracingTargets = targets;
				this.active.start(this.settings, targets);
			}
			else {
				this.tracingTargets = targets;
			}
		}
	}

	public TracingTargets tracingTargets() {
		return this.tracingTargets;
	}

	/**
	 * Where the data held came from: sampler, event, interval, unit; {@code null} before
	 * anything ran.
	 */
	public Recording recording() {
		return this.store.recording();
	}

	/** {@code auto} and the names of the installed samplers. */
	public List<String> samplerNames() {
		return this.choice.names();
	}

	/**
	 * Applies the settings an application starts with. Unlike {@link #apply}, a setting
	 * that cannot run here does not fail: a profiler must never stop an application from
	 * starting. The status then shows the problem and the profiler stays off.
	 * @return the problem, or {@code null} if the settings were applied
	 */
	public String applyAtStartup(ProfilerSettings initial) {
		return applyAtStartup(initial, this::tracingTargets);
	}

	/**
	 * Like {@link #applyAtStartup(ProfilerSettings)}, with the classes to trace, whose
	 * patterns may be malformed: that too is a problem in the status, not a failure.
	 */
	public String applyAtStartup(ProfilerSettings initial, Supplier<TracingTargets> tracingTargets) {
		synchronized (this.switchLock) {
			try {
				setTracingTargets(tracingTargets.get());
				apply(initial);
				return this.active.problem();
			}
			catch (InvalidSettingException ex) {
				this.settings = initial.withMode(Mode.OFF);
				String problem = "management.profiling." + ex.parameter() + ": " + ex.getMessage();
				this.active.setProblem(problem);
				return problem;
			}
		}
	}

	public ProfilerSettings settings() {
		return this.settings;
	}

	/** The name of the running sampler, or {@code null}. */
	public String activeSampler() {
		RunningSampler current = this.active.running();
		return (current != null) ? current.name() : null;
	}

	/** Whether a sampler runs now. Lock-free: request tagging asks on every request. */
	public boolean isRunning() {
		return this.active.running() != null;
	}

	/**
	 * What {@code GET /actuator/profiling} reports; never waits for a change in progress.
	 */
	public ProfilerStatus status() {
		ProfilerSettings current = this.settings;
		RunningSampler run = this.active.running();
		this.active.flush();
		Sampler sampler = (run != null) ? run.sampler() : null;
		String degradedReason = (sampler != null) ? sampler.degradedReason() : null;
		String state = (sampler != null) ? ((degradedReason != null) ? ProfilerStatus.DEGRADED : ProfilerStatus.RUNNING)
				: this.demand.wantsSampling(current) ? ProfilerStatus.STOPPED : ProfilerStatus.OFF;
		return new ProfilerStatus(current.mode(), (run != null) ? run.name() : null, current.event().id(),
				current.interval().toMillis(), sampler != null, (run != null) ? run.startedAt() : null,
				this.store.totalWeight(), this.statistics.dropped(), this.statistics.errors(),
				(sampler != null) ? sampler.lastError() : null, this.store.nodes(), this.store.maxNodes(),
				this.store.retainedBytes(), this.store.retainedSeconds(), this.store.startedAt(),
				this.demand.onDemand(), this.choice.availabilities(current, this.active.startFailures(), run),
				this.context.tagSets().keys(), this.active.problem(), state, degradedReason);
	}

	/** Every tag set requests and scopes have carried so far, sampled or not. */
	public List<TagSet> knownTagSets() {
		TagSets sets = this.context.tagSets();
		List<TagSet> known = new ArrayList<>();
		for (int id = 0, size = sets.size(); id < size; id++) {
			known.add(sets.get(id));
		}
		return known;
	}

	/** Samples a sampler has delivered, over all its runs. */
	public long samplesTaken(String sampler) {
		return this.statistics.taken(sampler);
	}

	/** Samples a sampler could not take or deliver, over all its runs. */
	public long droppedSamples(String sampler) {
		return this.statistics.dropped(sampler);
	}

	/**
	 * CPU time the samplers' own threads used, over all runs: the profiler's own cost.
	 */
	public long cpuTimeNanos() {
		return this.statistics.cpuTimeNanos();
	}

	/**
	 * Writes the raw JFR that the running sampler keeps.
	 * @return whether it wrote one: {@code false} when no sampler runs or it records no
	 * JFR
	 */
	public boolean writeJfr(java.nio.file.Path target) throws java.io.IOException {
		// Under the switch lock: the sampler must not close while it writes.
		synchronized (this.switchLock) {
			RunningSampler current = this.active.running();
			return current != null && current.sampler().writeJfr(target);
		}
	}

	/**
	 * The own trees of the slowest requests: request tagging tells it of each request's
	 * end, views read what it kept.
	 */
	public RequestProfiles requests() {
		return this.requests;
	}

	public QueryResult query(ProfileQuery query) {
		this.active.flush();
		return this.store.query(query);
	}

	/**
	 * One tree per tag set for a query, not pruned, for exports that keep every sample's
	 * tags (pprof labels).
	 */
	public TaggedTrees queryByTags(ProfileQuery query) {
		this.active.flush();
		return this.store.queryByTags(query);
	}

	/**
	 * Two profiles on the same frames, {@code base} and {@code compared}, each of its own
	 * query, taken at the same moment.
	 */
	public DiffResult diff(ProfileQuery base, ProfileQuery compared) {
		this.active.flush();
		return this.store.diff(base, compared);
	}

	/**
	 * Weight per tag set and time step over a window of seconds, at most
	 * {@code maxPoints} steps and {@code maxSeries} tag sets.
	 */
	public Timeline timeline(ProfileQuery query, int maxPoints, int maxSeries) {
		this.active.flush();
		return this.store.timeline(query, maxPoints, maxSeries);
	}

	public List<TagShare> tagShares(ProfileQuery query) {
		this.active.flush();
		return this.store.tagShares(query);
	}

	/**
	 * Index of the store bucket in progress now; with {@link #queryByTags} over
	 * {@code Window.buckets(from, to)}, what lets an exporter send each complete bucket
	 * once.
	 */
	public long currentBucket() {
		return this.store.currentBucket();
	}

	/**
	 * The windows of one live stream over this profiler's store: complete buckets since
	 * the previous event, or the last {@code seconds} of them.
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

	/**
	 * Path nodes plus entries the store holds now; never more than its {@code maxNodes}.
	 */
	public long storeNodes() {
		return this.store.nodes();
	}

	/** Approximate bytes the store holds now. */
	public long storeBytes() {
		return this.store.retainedBytes();
	}

	/** The weight of everything the store holds now. */
	public long totalWeight() {
		return this.store.totalWeight();
	}

	/**
	 * The application is ready to serve: what was sampled before is its startup, a window
	 * of its own, and "since start" begins now.
	 */
	public void markReady() {
		this.store.markReady();
	}

	/**
	 * Drops the data collected so far, and starts the caps on tag values afresh; sampling
	 * goes on.
	 */
	public void reset() {
		this.active.dropSamplesTakenBefore(this.clock.nanoTime());
		this.store.reset();
		this.requests.reset();
		this.context.tagSets().reset();
	}

	/** Stops sampling; the data stays readable. */
	@Override
	public void close() {
		synchronized (this.switchLock) {
			this.active.stop();
			this.settings = this.settings.withMode(Mode.OFF);
		}
	}

	/**
	 * Tells a profiler of the first scope on a virtual thread, without keeping it alive.
	 */
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

}
