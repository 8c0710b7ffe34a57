package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TagSharesJson;
import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Durations;
import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.store.FrameFocus;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.Recording;
import io.github.profiling.store.Window;
import io.github.profiling.tracing.TracingTargets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
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

	private static final MimeType EVENT_STREAM = MimeType.valueOf("text/event-stream");

	/** The longest value a setting of the POST can have; longer ones are refused unquoted. */
	static final int MAX_SETTING_LENGTH = 100;

	private final Profiler profiler;

	private final LiveStreams liveStreams;

	private final Duration retention;

	private final Duration liveInterval;

	private final Exports exports;

	private final boolean changesAllowed;

	// The application's own packages, where focus=app starts the views.
	private final List<String> applicationPackages;

	private ObjectProvider<StatusSection> statusSections;

	/**
	 * @param changesAllowed whether this endpoint's access lets its write operation run, as the
	 * status tells clients (the actuator itself refuses the writes)
	 * @param jfrIncludesEnvironment whether a raw JFR download may hold the JVM's environment
	 * @param applicationPackages the application's own packages, where {@code focus=app} starts
	 */
	public ProfilingEndpoint(Profiler profiler, LiveStreams liveStreams, Duration retention, Duration liveInterval,
			String applicationName, boolean changesAllowed, boolean jfrIncludesEnvironment,
			List<String> applicationPackages) {
		this.applicationPackages = List.copyOf(applicationPackages);
		this.profiler = profiler;
		this.liveStreams = liveStreams;
		this.retention = retention;
		this.liveInterval = liveInterval;
		this.changesAllowed = changesAllowed;
		this.exports = new Exports(profiler, this::header, applicationName, jfrIncludesEnvironment);
	}

	/** Parts of the status kept by other beans, such as exporters; read at each status request. */
	@Autowired(required = false)
	public void setStatusSections(ObjectProvider<StatusSection> statusSections) {
		this.statusSections = statusSections;
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
		body.put("state", status.state());
		if (status.degradedReason() != null) {
			body.put("degradedReason", status.degradedReason());
		}
		body.put("startedAt", (status.startedAt() != null) ? status.startedAt().toString() : null);
		body.put("samples", status.samples());
		body.put("droppedSamples", status.droppedSamples());
		body.put("errors", status.errors());
		body.put("nodes", status.nodes());
		body.put("maxNodes", status.maxNodes());
		body.put("storeBytes", status.storeBytes());
		body.put("retainedSeconds", status.retainedSeconds());
		body.put("dataSince", status.dataSince().toString());
		Map<String, Object> samplers = new LinkedHashMap<>();
		status.samplers()
			.forEach((name, availability) -> samplers.put(name,
					Map.of("available", availability.available(), "reason", availability.reason())));
		body.put("samplers", samplers);
		body.put("tagKeys", status.tagKeys());
		body.put("liveStreams", this.liveStreams.count());
		body.put("liveEventsSkipped", this.liveStreams.skippedEvents());
		body.put("onDemand", status.onDemand());
		body.put("changes", this.changesAllowed ? "unrestricted" : "read-only");
		TracingTargets tracing = this.profiler.tracingTargets();
		if (!tracing.isEmpty()) {
			body.put("tracing", Map.of("include", tracing.include(), "exclude", tracing.exclude()));
		}
		Map<String, Object> exports = new LinkedHashMap<>();
		if (this.statusSections != null) {
			this.statusSections.orderedStream().forEach((section) -> exports.put(section.name(), section.status()));
		}
		if (!exports.isEmpty()) {
			body.put("export", exports);
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
			@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval, @Nullable String focus,
			@Nullable String window) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval, focus, window);
	}

	/** Every view, for clients that ask for {@code text/event-stream}, as {@code EventSource} does. */
	@ReadOperation(produces = "text/event-stream")
	public Object eventStream(@Selector String view, @Nullable String seconds, @Nullable String tag,
			@Nullable String thread, @Nullable String maxDepth, @Nullable String minPercent,
			@Nullable String interval, @Nullable String focus, @Nullable String window) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval, focus, window);
	}

	/** Every view, for browsers, whose Accept header prefers {@code text/html}. */
	@ReadOperation(produces = "text/html")
	public Object page(@Selector String view, @Nullable String seconds, @Nullable String tag, @Nullable String thread,
			@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval, @Nullable String focus,
			@Nullable String window) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval, focus, window);
	}

	/**
	 * Every view, for clients that ask for what the exports serve: {@code application/octet-stream}
	 * ({@code pprof}, {@code jfr}) or {@code text/plain} ({@code collapsed}).
	 */
	@ReadOperation(produces = { "application/octet-stream", "text/plain" })
	public Object file(@Selector String view, @Nullable String seconds, @Nullable String tag, @Nullable String thread,
			@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval, @Nullable String focus,
			@Nullable String window) {
		return dispatch(view, seconds, tag, thread, maxDepth, minPercent, interval, focus, window);
	}

	private Object dispatch(String view, String seconds, String tag, String thread, String maxDepth,
			String minPercent, String interval, String focus, String window) {
		try {
			FrameFocus frameFocus = FocusParameter.parse(focus, this.applicationPackages);
			if (window != null) {
				return startupView(view, window, seconds, tag, thread, maxDepth, minPercent, frameFocus);
			}
			return switch (view) {
				case TREE -> tree(ViewParameters.query(seconds, tag, thread, maxDepth, minPercent, this.retention)
					.withFocus(frameFocus));
				case TAGS -> tags(ViewParameters.query(seconds, tag, thread, null, null, this.retention));
				case LIVE -> live(seconds, tag, thread, maxDepth, minPercent, interval, frameFocus);
				case FLAMEGRAPH -> this.exports.flameGraph(
						ViewParameters.query(seconds, tag, thread, maxDepth, minPercent, this.retention)
							.withFocus(frameFocus));
				case COLLAPSED -> this.exports.collapsed(
						ViewParameters.query(seconds, tag, thread, maxDepth, minPercent, this.retention)
							.withFocus(frameFocus));
				case PPROF -> this.exports.pprof(
						ViewParameters.query(seconds, tag, thread, null, null, this.retention).withFocus(frameFocus));
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

	/** {@code window=startup}: the views of what the application did until it was ready. */
	private Object startupView(String view, String window, String seconds, String tag, String thread, String maxDepth,
			String minPercent, FrameFocus focus) {
		if (!"startup".equals(window.trim())) {
			throw new InvalidSettingException("window", "window must be startup (or absent: since the application was ready)");
		}
		if (seconds != null) {
			throw new InvalidSettingException("seconds", "give seconds or window=startup, not both");
		}
		ProfileQuery query = ViewParameters.query(null, tag, thread, maxDepth, minPercent, this.retention)
			.withWindow(Window.startup())
			.withFocus(focus);
		return switch (view) {
			case TREE -> tree(query);
			case TAGS -> tags(query);
			case FLAMEGRAPH -> this.exports.flameGraph(query);
			case COLLAPSED -> this.exports.collapsed(query);
			case PPROF -> this.exports.pprof(query);
			default -> throw new InvalidSettingException("window",
					"window=startup goes with tree, tags, flamegraph, collapsed and pprof");
		};
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
		QueryResult result = this.profiler.query(query);
		TreeJson.Header header = header(result.recording());
		if (result.samples() == 0 && !query.tags().isEmpty()) {
			header = header.withHint(TagHints.noMatch(query.tags(), this.profiler.knownTagSets()));
		}
		String json = TreeJson.write(header, result);
		return new WebEndpointResponse<>(json, WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
	}

	private WebEndpointResponse<Object> tags(ProfileQuery query) {
		// JSON text with its type: a list would need a converter for whatever the client accepts.
		String json = TagSharesJson.write(this.profiler.tagShares(query));
		return new WebEndpointResponse<>(json, WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
	}

	private WebEndpointResponse<Object> live(String seconds, String tag, String thread, String maxDepth,
			String minPercent, String interval, FrameFocus focus) {
		long intervalSeconds = ViewParameters.liveIntervalSeconds(interval, this.liveInterval);
		// Without seconds, each event covers the time since the previous one.
		ProfileQuery query = ViewParameters.query(null, tag, thread, maxDepth, minPercent, this.retention)
			.withFocus(focus);
		long windowSeconds = (seconds != null) ? ViewParameters.seconds(seconds, this.retention) : 0;
		if (isHeadRequest()) {
			// No body will be read: a stream opened for it would hold a slot until shutdown.
			return new WebEndpointResponse<>("", WebEndpointResponse.STATUS_OK, EVENT_STREAM);
		}
		SseEmitter emitter = this.liveStreams.open(query, intervalSeconds, windowSeconds, this::header);
		if (emitter == null) {
			return error(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS, null,
					"too many live streams: " + this.liveStreams.maxStreams()
							+ " are open (management.profiling.live.max-streams)");
		}
		return new WebEndpointResponse<>(emitter, WebEndpointResponse.STATUS_OK);
	}

	private static boolean isHeadRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& "HEAD".equals(attributes.getRequest().getMethod());
	}

	/** The labels of a result: those of the recording its data came from, never today's settings. */
	TreeJson.Header header(Recording recording) {
		if (recording == null) {
			ProfilerSettings settings = this.profiler.settings();
			return new TreeJson.Header(this.profiler.activeSampler(), settings.event().id(), settings.event().unit());
		}
		return new TreeJson.Header(recording.sampler(), recording.event(), recording.unit());
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
			checkLength("mode", mode);
			checkLength("sampler", sampler);
			checkLength("event", event);
			checkLength("interval", interval);
			checkLength("action", action);
			if (action != null) {
				if (!"reset".equals(action.trim())) {
					throw new InvalidSettingException("action",
							"unknown action " + Durations.quote(action) + "; use reset");
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
						"unknown sampler " + Durations.quote(sampler) + "; use "
								+ String.join(", ", this.profiler.samplerNames()));
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

	private static void checkLength(String parameter, String value) {
		if (value != null && value.length() > MAX_SETTING_LENGTH) {
			throw new InvalidSettingException(parameter,
					parameter + " is longer than " + MAX_SETTING_LENGTH + " characters");
		}
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
