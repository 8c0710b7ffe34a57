package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Durations;
import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagShare;
import io.github.profiling.tracing.TracingTargets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /actuator/profiling}: the profiler's status and settings, and its views of the call
 * tree. Every operation delegates to the {@link Profiler}; this class only parses parameters and
 * shapes answers. Bad input gets a 400 with {@code {"error", "parameter"}}.
 * <p>
 * Read-only by default: reading a profile is a smaller power than changing the profiler
 * (switching samplers, attaching an agent, instrumenting classes), so the write operation needs
 * {@code management.endpoint.profiling.access=unrestricted}.
 */
@WebEndpoint(id = "profiling", defaultAccess = Access.READ_ONLY)
public class ProfilingEndpoint {

	static final String TREE = "tree";

	static final String TAGS = "tags";

	static final String LIVE = "live";

	static final String FLAMEGRAPH = "flamegraph";

	static final String COLLAPSED = "collapsed";

	static final String PPROF = "pprof";

	static final String JFR = "jfr";

	static final String UI = "ui";

	private static final int STATUS_CONFLICT = 409;

	private final Profiler profiler;

	private final LiveStreams liveStreams;

	private final Duration retention;

	private final Duration liveInterval;

	private final Exports exports;

	private final boolean changesAllowed;

	/**
	 * @param changesAllowed whether this endpoint's access lets its write operation run, as the
	 * status tells clients (the actuator itself refuses the writes)
	 * @param jfrIncludesEnvironment whether a raw JFR download may hold the JVM's environment
	 */
	public ProfilingEndpoint(Profiler profiler, LiveStreams liveStreams, Duration retention, Duration liveInterval,
			String applicationName, boolean changesAllowed, boolean jfrIncludesEnvironment) {
		this.profiler = profiler;
		this.liveStreams = liveStreams;
		this.retention = retention;
		this.liveInterval = liveInterval;
		this.changesAllowed = changesAllowed;
		this.exports = new Exports(profiler, this::header, applicationName, jfrIncludesEnvironment);
	}

	@ReadOperation
	public Map<String, Object> status() {
		ProfilerStatus status = this.profiler.status();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mode", status.mode().id());
		body.put("sampler", status.sampler());
		body.put("event", status.event());
		body.put("intervalMillis", status.intervalMillis());
		body.put("running", status.running());
		body.put("startedAt", (status.startedAt() != null) ? status.startedAt().toString() : null);
		body.put("samples", status.samples());
		body.put("droppedSamples", status.droppedSamples());
		body.put("errors", status.errors());
		body.put("nodes", status.nodes());
		body.put("maxNodes", status.maxNodes());
		body.put("storeBytes", status.storeBytes());
		Map<String, Object> samplers = new LinkedHashMap<>();
		status.samplers()
			.forEach((name, availability) -> samplers.put(name,
					Map.of("available", availability.available(), "reason", availability.reason())));
		body.put("samplers", samplers);
		body.put("tagKeys", status.tagKeys());
		body.put("liveStreams", this.liveStreams.count());
		body.put("onDemand", status.onDemand());
		body.put("changes", this.changesAllowed ? "unrestricted" : "read-only");
		TracingTargets tracing = this.profiler.tracingTargets();
		if (!tracing.isEmpty()) {
			body.put("tracing", Map.of("include", tracing.include(), "exclude", tracing.exclude()));
		}
		if (status.problem() != null) {
			body.put("problem", status.problem());
		}
		if (status.lastError() != null) {
			body.put("lastError", status.lastError());
		}
		return body;
	}

	/**
	 * Every view, for clients that accept JSON or anything. Which of the three operations of
	 * this path answers is chosen by the request's Accept header; they all dispatch alike, so
	 * every view answers whichever is chosen.
	 */
	@ReadOperation
	public Object view(@Selector String view, @Nullable String seconds, @Nullable String tag, @Nullable String thread,
			@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval);
	}

	/** Every view, for clients that ask for {@code text/event-stream}, as {@code EventSource} does. */
	@ReadOperation(produces = "text/event-stream")
	public Object eventStream(@Selector String view, @Nullable String seconds, @Nullable String tag,
			@Nullable String thread, @Nullable String maxDepth, @Nullable String minPercent,
			@Nullable String interval) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval);
	}

	/** Every view, for browsers, whose Accept header prefers {@code text/html}. */
	@ReadOperation(produces = "text/html")
	public Object page(@Selector String view, @Nullable String seconds, @Nullable String tag, @Nullable String thread,
			@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval);
	}

	private Object dispatch(String view, String seconds, String tag, String thread, String maxDepth,
			String minPercent, String interval) {
		try {
			return switch (view) {
				case TREE -> tree(ViewParameters.query(seconds, tag, thread, maxDepth, minPercent, this.retention));
				case TAGS -> tags(ViewParameters.query(seconds, tag, thread, null, null, this.retention));
				case LIVE -> live(seconds, tag, thread, maxDepth, minPercent, interval);
				case FLAMEGRAPH -> this.exports
					.flameGraph(ViewParameters.query(seconds, tag, thread, maxDepth, minPercent, this.retention));
				case COLLAPSED -> this.exports
					.collapsed(ViewParameters.query(seconds, tag, thread, maxDepth, minPercent, this.retention));
				case PPROF -> this.exports.pprof(ViewParameters.query(seconds, tag, thread, null, null, this.retention));
				case JFR -> jfr();
				case UI -> this.exports.viewerPage();
				default -> error(WebEndpointResponse.STATUS_NOT_FOUND, "view", "unknown view '" + view
						+ "'; use tree, tags, live, flamegraph, collapsed, pprof, jfr or ui");
			};
		}
		catch (InvalidSettingException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.parameter(), ex.getMessage());
		}
	}

	private Object jfr() {
		Exports.JfrDownload download = this.exports.jfr();
		if (download.file() != null) {
			return download.file();
		}
		if (download.refusal() != null) {
			// A state of the profiler or of the server, not a fault: 409, and the reason.
			return error(STATUS_CONFLICT, null, download.refusal());
		}
		String sampler = this.profiler.activeSampler();
		return error(WebEndpointResponse.STATUS_NOT_FOUND, null, (sampler != null)
				? "the " + sampler + " sampler records no JFR; the jfr export needs the jfr or async sampler"
				: "no sampler is running, so there is no JFR recording");
	}

	private WebEndpointResponse<Object> tree(ProfileQuery query) {
		String json = TreeJson.write(header(), this.profiler.query(query));
		return new WebEndpointResponse<>(json, WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
	}

	private WebEndpointResponse<Object> tags(ProfileQuery query) {
		List<Map<String, Object>> body = new ArrayList<>();
		for (TagShare share : this.profiler.tagShares(query)) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("tags", share.tags().asMap());
			entry.put("samples", share.samples());
			entry.put("percent", Math.round(share.percent() * 100) / 100.0);
			body.add(entry);
		}
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Object> live(String seconds, String tag, String thread, String maxDepth,
			String minPercent, String interval) {
		long intervalSeconds = ViewParameters.liveIntervalSeconds(interval, this.liveInterval);
		// Without seconds, each event covers the time since the previous one.
		ProfileQuery query = ViewParameters.query(null, tag, thread, maxDepth, minPercent, this.retention);
		long windowSeconds = (seconds != null) ? ViewParameters.seconds(seconds, this.retention) : 0;
		SseEmitter emitter = this.liveStreams.open(query, intervalSeconds, windowSeconds, this::header);
		if (emitter == null) {
			return error(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS, null,
					"too many live streams: " + this.liveStreams.maxStreams()
							+ " are open (management.profiling.live.max-streams)");
		}
		return new WebEndpointResponse<>(emitter, WebEndpointResponse.STATUS_OK);
	}

	TreeJson.Header header() {
		if (this.profiler.holdsCalls()) {
			// Traced calls: weights are nanoseconds of wall-clock time.
			return new TreeJson.Header(this.profiler.activeSampler(), "wall", "nanoseconds");
		}
		ProfilerSettings settings = this.profiler.settings();
		return new TreeJson.Header(this.profiler.activeSampler(), settings.event().id(), "samples");
	}

	/**
	 * Changes the profiler at run time: any of {@code mode}, {@code sampler}, {@code event},
	 * {@code interval}, and the classes tracing instruments, {@code include} and {@code exclude}
	 * (comma-separated patterns); or {@code {"action":"reset"}} to drop the data collected so far.
	 */
	@WriteOperation
	public WebEndpointResponse<Object> configure(@Nullable String mode, @Nullable String sampler,
			@Nullable String event, @Nullable String interval, @Nullable String action, @Nullable String include,
			@Nullable String exclude) {
		try {
			if (action != null) {
				if (!"reset".equals(action.trim())) {
					throw new InvalidSettingException("action", "unknown action '" + action + "'; use reset");
				}
				this.profiler.reset();
			}
			if (include != null || exclude != null) {
				this.profiler.setTracingTargets(changedTracingTargets(include, exclude));
			}
			if (mode != null || sampler != null || event != null || interval != null) {
				this.profiler.apply(changedSettings(mode, sampler, event, interval));
			}
			else if (action == null && include == null && exclude == null) {
				throw new InvalidSettingException(null,
						"nothing to change: send mode, sampler, event, interval, include, exclude or action");
			}
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
		}
		catch (InvalidSettingException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.parameter(), ex.getMessage());
		}
	}

	private TracingTargets changedTracingTargets(String include, String exclude) {
		TracingTargets current = this.profiler.tracingTargets();
		try {
			return new TracingTargets((include != null) ? TracingTargets.split(include) : current.include(),
					(exclude != null) ? TracingTargets.split(exclude) : current.exclude());
		}
		catch (InvalidSettingException ex) {
			// Named as the POST body names them.
			throw new InvalidSettingException(ex.parameter().replace("tracing.", ""), ex.getMessage());
		}
	}

	private ProfilerSettings changedSettings(String mode, String sampler, String event, String interval) {
		ProfilerSettings settings = this.profiler.settings();
		if (mode != null) {
			settings = settings.withMode(parse("mode", () -> Mode.of(mode)));
		}
		if (sampler != null) {
			String name = sampler.trim();
			if (!this.profiler.samplerNames().contains(name)) {
				throw new InvalidSettingException("sampler",
						"unknown sampler '" + sampler + "'; use " + String.join(", ", this.profiler.samplerNames()));
			}
			settings = settings.withSampler(name);
		}
		if (event != null) {
			settings = settings.withEvent(parse("event", () -> SamplingEvent.of(event)));
		}
		if (interval != null) {
			settings = settings.withInterval(parse("interval", () -> Durations.parse(interval)));
		}
		return settings;
	}

	private static <T> T parse(String parameter, java.util.function.Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (InvalidSettingException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(parameter, ex.getMessage());
		}
	}

	private static WebEndpointResponse<Object> error(int status, String parameter, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		body.put("parameter", parameter);
		return new WebEndpointResponse<>(body, status, MimeTypeUtils.APPLICATION_JSON);
	}

}
