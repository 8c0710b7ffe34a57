package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.autoconfigure.endpoint.StatusSection;
import io.github.profiling.autoconfigure.export.pyroscope.PushQueue.PushWindow;
import io.github.profiling.export.Pprof;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.TaggedTrees;
import io.github.profiling.store.Window;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Pushes the profile of every interval to Grafana Pyroscope, through the
 * {@code push.v1.PusherService/Push} API of its Connect server (grafana/pyroscope
 * docs/sources/reference-server-api/index.md, "Ingestion Path"; request message in
 * api/push/v1/push.proto), sent as {@code application/proto}. Push rather than the older
 * {@code /ingest}: it takes a pprof as it is, and Pyroscope's distributor splits a
 * profile by its sample labels into series (pkg/model/pprofsplit/pprof_split.go, called
 * from pkg/distributor/distributor.go), so each sample's route and tags stay queryable
 * labels.
 * <p>
 * Each window covers the store buckets completed since the previous one, so that
 * consecutive windows tile time exactly, each sample pushed once (the idea of the live
 * streams' {@code LiveCursor}); it is taken two seconds after it ends, when the samplers
 * have delivered its samples, and a window without samples is not pushed. Windows wait in
 * a bounded queue; when the server cannot be reached long enough to fill it, the oldest
 * is dropped and counted. Every request has a timeout; 429, 5xx and failures to connect
 * are retried with back-off, other answers are not retried and are logged once with the
 * server's message. One daemon thread does it all, away from the application's requests.
 */
public final class PyroscopeExporter implements StatusSection, AutoCloseable {

	private static final Log logger = LogFactory.getLog(PyroscopeExporter.class);

	// Samples reach the store after they were taken: a JDK sampler's tick is stamped when
	// it
	// starts, JFR flushes about once a second, async-profiler's chunks every 500 ms. A
	// window is
	// pushed this long after it ends, so that it holds every sample of its time.
	private static final long LAG_NANOS = 2_000_000_000L;

	private final Profiler profiler;

	// Null when the settings are unusable: nothing is pushed then.
	private final PyroscopeClient client;

	private final Duration timeout;

	private final long intervalBuckets;

	private final Map<String, String> seriesLabels;

	private final long initialBackoffNanos;

	private final long maxBackoffNanos;

	private final AtomicLong successes = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong bytesSent = new AtomicLong();

	private final PushQueue queue;

	// Statuses already logged since the last success: each is logged once, not per
	// window.
	private final Set<String> loggedProblems = new HashSet<>();

	private final Thread thread;

	private final String problem;

	private volatile boolean running;

	private volatile String state = "starting";

	private volatile String lastError;

	private volatile Instant lastSuccessAt;

	private volatile Instant lastWindowEnd;

	private long nextFrom = Long.MIN_VALUE;

	private long backoffNanos;

	private long nextAttemptAt;

	/**
	 * @param seriesLabels the labels of the application's series, {@code service_name}
	 * among them; names are made valid here
	 */
	public PyroscopeExporter(Profiler profiler, String serverUrl, Duration interval, Duration timeout,
			int queueCapacity, Map<String, String> seriesLabels, Map<String, String> headers) {
		this.profiler = profiler;
		this.problem = checkSettings(serverUrl, interval, timeout, queueCapacity);
		this.timeout = positive(timeout) ? timeout : Duration.ofSeconds(10);
		this.client = (this.problem == null) ? new PyroscopeClient(serverUrl, this.timeout, headers) : null;
		this.intervalBuckets = positive(interval) ? Math.max(1, interval.toNanos() / profiler.bucketNanos()) : 1;
		this.queue = new PushQueue(queueCapacity, this.dropped);
		SortedMap<String, String> labels = new TreeMap<>();
		seriesLabels.forEach((name, value) -> labels.put(PyroscopeLabels.labelName(name), value));
		this.seriesLabels = labels;
		long intervalNanos = this.intervalBuckets * profiler.bucketNanos();
		this.initialBackoffNanos = Math.min(Duration.ofSeconds(1).toNanos(), intervalNanos);
		this.maxBackoffNanos = Math.min(Duration.ofSeconds(30).toNanos(), 4 * intervalNanos);
		this.thread = daemon(this::run, "profiling-pyroscope-export");
	}

	/**
	 * What makes these settings unusable, or {@code null}: a profiler never stops an
	 * application from starting.
	 */
	private static String checkSettings(String serverUrl, Duration interval, Duration timeout, int queueCapacity) {
		if (!positive(interval)) {
			return "management.profiling.export.pyroscope.interval must be positive";
		}
		if (!positive(timeout)) {
			return "management.profiling.export.pyroscope.timeout must be positive";
		}
		if (queueCapacity < 1) {
			return "management.profiling.export.pyroscope.queue-capacity must be at least 1";
		}
		try {
			URI uri = new URI(serverUrl.strip());
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				return "management.profiling.export.pyroscope.url must be an http or https URL, got '" + serverUrl
						+ "'";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "management.profiling.export.pyroscope.url is not a URL: " + ex.getMessage();
		}
	}

	private static boolean positive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/** The headers of basic or bearer authentication and of the tenant, as configured. */
	public static Map<String, String> headers(String user, String password, String token, String tenantId) {
		return PyroscopeClient.headers(user, password, token, tenantId);
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	public void start() {
		if (this.problem != null) {
			this.state = "off";
			this.lastError = this.problem;
			logger.warn("Profiles are not pushed to Pyroscope: " + this.problem);
			return;
		}
		this.running = true;
		this.state = "running";
		this.thread.start();
	}

	@Override
	public void close() {
		this.running = false;
		this.state = "stopped";
		this.thread.interrupt();
		try {
			this.thread.join(this.timeout.toMillis() + 1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.client != null) {
			this.client.close();
		}
	}

	private void run() {
		synchronized (this) {
			this.nextFrom = this.profiler.currentBucket() - lagBuckets();
		}
		this.nextAttemptAt = System.nanoTime();
		long nextCollectAt = System.nanoTime() + nanosUntilWindowEnd();
		while (this.running) {
			long now = System.nanoTime();
			if (now - nextCollectAt >= 0) {
				collect();
				nextCollectAt = System.nanoTime() + nanosUntilWindowEnd();
				continue;
			}
			PushWindow next = this.queue.oldest();
			if (next != null && now - this.nextAttemptAt >= 0) {
				try {
					push(next);
				}
				catch (RuntimeException ex) {
					// A request the client cannot even send (a header it refuses, say):
					// never retried.
					this.queue.remove(next);
					this.failures.incrementAndGet();
					this.dropped.incrementAndGet();
					this.lastError = "cannot send a push: " + ex;
					logOnce("send", "Cannot push profiles to Pyroscope, the window is dropped: " + ex);
				}
				continue;
			}
			long wakeAt = (next != null && this.nextAttemptAt - nextCollectAt < 0) ? this.nextAttemptAt : nextCollectAt;
			LockSupport.parkNanos(this, Math.max(1_000_000L, wakeAt - now));
			if (Thread.interrupted() && !this.running) {
				return;
			}
		}
	}

	/** Nanoseconds until the next window is complete and settled. */
	private long nanosUntilWindowEnd() {
		long endBucket;
		synchronized (this) {
			endBucket = this.nextFrom + this.intervalBuckets;
		}
		long current = this.profiler.currentBucket() - lagBuckets();
		long buckets = Math.max(0, endBucket - current - 1);
		return this.profiler.nanosUntilNextBucket() + buckets * this.profiler.bucketNanos() + 50_000_000L;
	}

	private long lagBuckets() {
		return Math.max(1, LAG_NANOS / this.profiler.bucketNanos());
	}

	/**
	 * Takes the window of complete buckets since the previous one and queues its push.
	 */
	void collect() {
		long to = this.profiler.currentBucket() - lagBuckets();
		long from;
		synchronized (this) {
			// After a reset restarted the bucket count, start afresh from now.
			from = (this.nextFrom > to) ? to : this.nextFrom;
			this.nextFrom = to;
		}
		if (from >= to) {
			return;
		}
		try {
			TaggedTrees trees = this.profiler.queryByTags(
					new ProfileQuery(Window.buckets(from, to), TagFilter.NONE, null, ProfileQuery.UNLIMITED_DEPTH, 0));
			this.lastWindowEnd = trees.to();
			if (trees.samples() == 0) {
				return;
			}
			Pprof.Units units = Pprof.Units.of(trees.recording());
			byte[] profile = Pprof.writeGzipped(trees, units, PyroscopeLabels::labelName);
			Map<String, String> labels = new TreeMap<>(this.seriesLabels);
			labels.put("__name__", PyroscopeLabels.profileName(units));
			byte[] body = PyroscopePushRequest.encode(labels, profile, UUID.randomUUID().toString());
			this.queue.add(new PushWindow(trees.from(), trees.to(), body));
		}
		catch (RuntimeException ex) {
			this.lastError = "could not build the profile of a window: " + ex;
			logOnce("build", "Could not build the profile to push to Pyroscope: " + ex);
		}
	}

	private void push(PushWindow window) {
		PyroscopeClient.Answer answer;
		try {
			answer = this.client.send(window.body());
		}
		catch (InterruptedException ex) {
			// Closing: the loop ends.
			Thread.currentThread().interrupt();
			return;
		}
		switch (answer.outcome()) {
			case ACCEPTED -> {
				this.queue.remove(window);
				this.successes.incrementAndGet();
				this.bytesSent.addAndGet(window.body().length);
				this.lastSuccessAt = Instant.now();
				this.backoffNanos = 0;
				this.nextAttemptAt = System.nanoTime();
				this.state = "running";
				synchronized (this) {
					this.loggedProblems.clear();
				}
			}
			case RETRY -> retryLater(answer.kind(), answer.problem());
			case REJECTED -> {
				// The server will not accept this window as it is: sending it again would
				// not help.
				this.queue.remove(window);
				this.failures.incrementAndGet();
				this.dropped.incrementAndGet();
				this.lastError = answer.problem();
				this.state = "running";
				this.backoffNanos = 0;
				this.nextAttemptAt = System.nanoTime();
				logOnce(answer.kind(), "Pyroscope rejected a profile, which is dropped: " + answer.problem());
			}
		}
	}

	private void retryLater(String key, String problem) {
		this.failures.incrementAndGet();
		this.lastError = problem;
		this.state = "retrying";
		this.backoffNanos = (this.backoffNanos == 0) ? this.initialBackoffNanos
				: Math.min(this.maxBackoffNanos, this.backoffNanos * 2);
		this.nextAttemptAt = System.nanoTime() + this.backoffNanos;
		logOnce(key, "Pushing profiles to Pyroscope failed, retrying with back-off: " + problem);
	}

	private void logOnce(String key, String message) {
		boolean first;
		synchronized (this) {
			first = this.loggedProblems.add(key);
		}
		if (first) {
			logger.warn(message);
		}
	}

	public long successes() {
		return this.successes.get();
	}

	public long failures() {
		return this.failures.get();
	}

	public long dropped() {
		return this.dropped.get();
	}

	public long bytesSent() {
		return this.bytesSent.get();
	}

	public int queued() {
		return this.queue.size();
	}

	public long queuedBytes() {
		return this.queue.bytes();
	}

	@Override
	public String name() {
		return "pyroscope";
	}

	/** What the endpoint's status shows of this exporter. */
	@Override
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("state", this.state);
		status.put("url", (this.client != null) ? this.client.pushUri().toString() : null);
		status.put("pushed", successes());
		status.put("failures", failures());
		status.put("dropped", dropped());
		status.put("bytesSent", bytesSent());
		status.put("queued", queued());
		status.put("queueCapacity", this.queue.capacity());
		Instant success = this.lastSuccessAt;
		status.put("lastSuccessAt", (success != null) ? success.toString() : null);
		Instant windowEnd = this.lastWindowEnd;
		status.put("lastWindowEnd", (windowEnd != null) ? windowEnd.toString() : null);
		String error = this.lastError;
		if (error != null) {
			status.put("lastError", error);
		}
		return status;
	}

}
