package io.github.profiling.autoconfigure;

import io.github.profiling.profiler.Mode;
import io.github.profiling.sampler.SamplingEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the profiler, under {@code management.profiling}.
 */
@ConfigurationProperties("management.profiling")
public class ProfilingProperties {

	/**
	 * What the profiler does: 'off' (nothing runs, no cost), 'sampling' or 'tracing'. Can
	 * be changed at run time with POST /actuator/profiling (with
	 * management.endpoint.profiling.access=unrestricted).
	 */
	private Mode mode = Mode.OFF;

	/**
	 * Which sampler to use: 'auto' (the first that works here), or one by name ('jdk').
	 */
	private String sampler = "auto";

	/**
	 * What to sample: 'cpu' (time on CPU) or 'wall' (all threads, running or waiting);
	 * 'alloc' and 'lock' where the sampler supports them.
	 */
	private SamplingEvent event = SamplingEvent.CPU;

	/**
	 * Time between samples.
	 */
	private Duration interval = Duration.ofMillis(10);

	/**
	 * How long per-second data is kept for windowed queries ('seconds' parameter).
	 */
	private Duration retention = Duration.ofMinutes(5);

	/**
	 * Bound of everything the profile store keeps, in nodes: one per distinct call-path
	 * step and one per (call path, tag set, thread) weight of each retained second. At
	 * the bound the oldest data gives way first; only a single second that alone exceeds
	 * it folds into '[truncated]'.
	 */
	private int maxNodes = 500_000;

	/**
	 * Whether to sample only while at least one live stream is open, as a remote viewer's
	 * session: no stream, no sampler thread, no cost.
	 */
	private boolean onDemand;

	private final Live live = new Live();

	private final Requests requests = new Requests();

	private final Tags tags = new Tags();

	private final Tracing tracing = new Tracing();

	private final Jfr jfr = new Jfr();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public String getSampler() {
		return this.sampler;
	}

	public void setSampler(String sampler) {
		this.sampler = sampler;
	}

	public SamplingEvent getEvent() {
		return this.event;
	}

	public void setEvent(SamplingEvent event) {
		this.event = event;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public int getMaxNodes() {
		return this.maxNodes;
	}

	public void setMaxNodes(int maxNodes) {
		this.maxNodes = maxNodes;
	}

	public boolean isOnDemand() {
		return this.onDemand;
	}

	public void setOnDemand(boolean onDemand) {
		this.onDemand = onDemand;
	}

	public Live getLive() {
		return this.live;
	}

	public Requests getRequests() {
		return this.requests;
	}

	public Tags getTags() {
		return this.tags;
	}

	public Tracing getTracing() {
		return this.tracing;
	}

	public Jfr getJfr() {
		return this.jfr;
	}

	/**
	 * The raw JFR recording of the jfr and async samplers
	 * ({@code /actuator/profiling/jfr}).
	 */
	public static class Jfr {

		/**
		 * Whether the recording holds the JVM's environment: system properties,
		 * environment variables and the JVM's arguments and command line, where passwords
		 * and tokens often are. Off by default: such a recording is refused for download.
		 */
		private boolean includeEnvironment;

		public boolean isIncludeEnvironment() {
			return this.includeEnvironment;
		}

		public void setIncludeEnvironment(boolean includeEnvironment) {
			this.includeEnvironment = includeEnvironment;
		}

	}

	/** Live streams ({@code /actuator/profiling/live}). */
	public static class Live {

		/**
		 * Most live streams open at once; one more is answered 429.
		 */
		private int maxStreams = 8;

		/**
		 * Default time between two events of a live stream; whole seconds.
		 */
		private Duration interval = Duration.ofSeconds(1);

		public int getMaxStreams() {
			return this.maxStreams;
		}

		public void setMaxStreams(int maxStreams) {
			this.maxStreams = maxStreams;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * The slowest requests, whose own call trees are kept
	 * ({@code /actuator/profiling/requests}).
	 */
	public static class Requests {

		/**
		 * How many of the slowest requests of each route (request tag set) to keep per
		 * minute of the retention; 0 keeps none.
		 */
		private int slowest = 10;

		/**
		 * Requests faster than this are never kept.
		 */
		private Duration minDuration = Duration.ofMillis(0);

		/**
		 * Most requests kept at once, over every route and minute; beyond it the fastest
		 * of the oldest minute gives way.
		 */
		private int maxRequests = 2_000;

		/**
		 * Most call-path nodes the kept requests' trees hold together (about 32 bytes
		 * each); beyond it the oldest samples waiting for their request's end, then the
		 * oldest kept requests, give way.
		 */
		private int maxNodes = 1_000_000;

		/**
		 * Samples that wait for their request's end, over every request in flight
		 * (samplers that read JFR deliver a request's samples up to seconds after it
		 * ended); about 28 bytes each.
		 */
		private int bufferedSamples = 65_536;

		public int getSlowest() {
			return this.slowest;
		}

		public void setSlowest(int slowest) {
			this.slowest = slowest;
		}

		public Duration getMinDuration() {
			return this.minDuration;
		}

		public void setMinDuration(Duration minDuration) {
			this.minDuration = minDuration;
		}

		public int getMaxRequests() {
			return this.maxRequests;
		}

		public void setMaxRequests(int maxRequests) {
			this.maxRequests = maxRequests;
		}

		public int getMaxNodes() {
			return this.maxNodes;
		}

		public void setMaxNodes(int maxNodes) {
			this.maxNodes = maxNodes;
		}

		public int getBufferedSamples() {
			return this.bufferedSamples;
		}

		public void setBufferedSamples(int bufferedSamples) {
			this.bufferedSamples = bufferedSamples;
		}

	}

	/** Request tagging. */
	public static class Tags {

		/**
		 * Whether samples of HTTP requests are tagged with 'http.method' and
		 * 'http.route'.
		 */
		private boolean enabled = true;

		/**
		 * Request headers whose values become tags too (key: the header name in lower
		 * case), e.g. X-Tenant. Keep to headers with few distinct values.
		 */
		private List<String> headers = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(List<String> headers) {
			this.headers = headers;
		}

	}

	/** Tracing mode ({@code mode=tracing}): which classes are instrumented. */
	public static class Tracing {

		/**
		 * Classes whose methods are traced, as class-name patterns: 'com.example.**' (a
		 * package and its sub-packages), 'com.example.*' (one package),
		 * 'com.example.Cart' (one class). Required for tracing mode; keep it to your own
		 * code. Can be changed at run time with POST /actuator/profiling {"include":
		 * "..."} (comma-separated).
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Classes left out of 'include', as class-name patterns of the same form.
		 */
		private List<String> exclude = new ArrayList<>();

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

}
