package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.profiler.Profiler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.http.ResponseEntity;

/**
 * {@code /actuator/profiling}: the profiler's status and settings, and its views of the
 * call tree. Every operation delegates: the status to a {@link ProfilingDescriptor}, the
 * views ({@code /actuator/profiling/{view}}) to the {@link ProfileView} the selector
 * names, changes to the {@link Profiler}. Bad input gets a 400 with {@code {"error",
 * "parameter"}}.
 * <p>
 * Read-only by default: reading a profile is a smaller power than changing the profiler
 * (switching samplers, attaching an agent, instrumenting classes), so the write operation
 * needs {@code management.endpoint.profiling.access=unrestricted}.
 */
@WebEndpoint(id = "profiling", defaultAccess = Access.READ_ONLY)
public class ProfilingEndpoint {

	// The actuator's own JSON types (as its default read operations produce), then the
	// types the
	// views answer in. A request is mapped to the views if it accepts any of them; which
	// view
	// answers, and in which type, is the selector's choice, not the Accept header's.
	private static final String ACTUATOR_V3_JSON = "application/vnd.spring-boot.actuator.v3+json";

	private static final String ACTUATOR_V2_JSON = "application/vnd.spring-boot.actuator.v2+json";

	private static final String JSON = "application/json";

	private static final String EVENT_STREAM = "text/event-stream";

	private static final String HTML = "text/html";

	private static final String OCTET_STREAM = "application/octet-stream";

	private static final String TEXT = "text/plain";

	private final Profiler profiler;

	private final LiveStreams liveStreams;

	private final boolean changesAllowed;

	private final Views views;

	private final ProfilerChanges changes;

	private ObjectProvider<StatusSection> statusSections;

	/**
	 * @param changesAllowed whether this endpoint's access lets its write operation run,
	 * as the status tells clients (the actuator itself refuses the writes)
	 * @param jfrIncludesEnvironment whether a raw JFR download may hold the JVM's
	 * environment
	 * @param applicationPackages the application's own packages, where {@code focus=app}
	 * starts
	 */
	public ProfilingEndpoint(Profiler profiler, LiveStreams liveStreams, Duration retention, Duration liveInterval,
			String applicationName, boolean changesAllowed, boolean jfrIncludesEnvironment,
			List<String> applicationPackages) {
		this(profiler, liveStreams, new ServletLiveTransport(), retention, liveInterval, applicationName,
				changesAllowed, jfrIncludesEnvironment, applicationPackages);
	}

	/**
	 * @param liveTransport how {@code live} writes its events: on a servlet or a reactive
	 * server
	 */
	public ProfilingEndpoint(Profiler profiler, LiveStreams liveStreams, LiveTransport liveTransport,
			Duration retention, Duration liveInterval, String applicationName, boolean changesAllowed,
			boolean jfrIncludesEnvironment, List<String> applicationPackages) {
		this.profiler = profiler;
		this.liveStreams = liveStreams;
		this.changesAllowed = changesAllowed;
		this.changes = new ProfilerChanges(profiler);
		ViewParameters parameters = new ViewParameters(retention, applicationPackages);
		TreeHeaders headers = new TreeHeaders(profiler);
		KeptRequests keptRequests = new KeptRequests(profiler, parameters);
		Downloads downloads = new Downloads(applicationName);
		DiffView diffs = new DiffView(profiler, parameters, headers);
		this.views = new Views(List.of(new TreeView(profiler, parameters, headers, keptRequests),
				new TagsView(profiler, parameters),
				new LiveView(liveStreams, liveTransport, parameters, headers, liveInterval),
				new FlameGraphView(profiler, parameters, headers, downloads, diffs, keptRequests),
				new CollapsedView(profiler, parameters, downloads, keptRequests),
				new PprofView(profiler, parameters, downloads, keptRequests), diffs,
				new TimelineView(profiler, parameters, headers), new RequestsView(profiler, parameters, headers),
				new JfrView(profiler, downloads, jfrIncludesEnvironment), new ViewerPageView()));
	}

	/**
	 * Parts of the status kept by other beans, such as exporters; read at each status
	 * request.
	 */
	@Autowired(required = false)
	public void setStatusSections(ObjectProvider<StatusSection> statusSections) {
		this.statusSections = statusSections;
	}

	@ReadOperation
	public ProfilingDescriptor status() {
		Map<String, Map<String, Object>> export = new LinkedHashMap<>();
		if (this.statusSections != null) {
			this.statusSections.orderedStream().forEach((section) -> export.put(section.name(), section.status()));
		}
		return ProfilingDescriptor.of(this.profiler.status(), this.liveStreams.count(),
				this.liveStreams.skippedEvents(), this.changesAllowed, this.profiler.requests(),
				this.profiler.tracingTargets(), export);
	}

	/**
	 * The view the selector names, with the query parameters of every view (each takes
	 * its own).
	 */
	@ReadOperation(produces = { ACTUATOR_V3_JSON, ACTUATOR_V2_JSON, JSON, EVENT_STREAM, HTML, OCTET_STREAM, TEXT })
	public ResponseEntity<?> view(@Selector String view, @Nullable String seconds, @Nullable String tag,
			@Nullable String thread, @Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval,
			@Nullable String focus, @Nullable String window, @Nullable String offset, @Nullable String baseSeconds,
			@Nullable String baseOffset, @Nullable String baseTag, @Nullable String request, @Nullable String limit) {
		return this.views.answer(new ViewRequest(view, seconds, tag, thread, maxDepth, minPercent, interval, focus,
				window, offset, baseSeconds, baseOffset, baseTag, request, limit));
	}

	/**
	 * Changes the profiler at run time: any of {@code mode}, {@code sampler},
	 * {@code event}, {@code interval}, and the classes tracing instruments,
	 * {@code include} and {@code exclude} (comma-separated patterns); or
	 * {@code {"action":"reset"}} to drop the data collected so far. Answers the status
	 * after the change.
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> configure(@Nullable String mode, @Nullable String sampler,
			@Nullable String event, @Nullable String interval, @Nullable String action, @Nullable String include,
			@Nullable String exclude) {
		try {
			this.changes.apply(mode, sampler, event, interval, action, include, exclude);
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
		}
		catch (InvalidSettingException ex) {
			return EndpointError.of(ex).response(WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

}
