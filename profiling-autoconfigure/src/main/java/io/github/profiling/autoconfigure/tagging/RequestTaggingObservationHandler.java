package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import java.util.List;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Tags the work of every Spring MVC request with its method and route: opens a profiling
 * scope when the request's observation scope opens on a thread and closes it when that
 * scope closes. Async requests reopen the observation scope on another thread, and get a
 * scope there too.
 * <p>
 * Requests to the actuator are tagged like any other, with their own route under the
 * management base path (for example {@code /actuator/profiling/{arg0}}), so they can be
 * told apart from application work. While the profiler is not running this handler
 * declines every observation, so request tagging then costs one volatile read per
 * request.
 */
public class RequestTaggingObservationHandler implements ObservationHandler<ServerRequestObservationContext> {

	private final Profiler profiler;

	private final List<String> headers;

	public RequestTaggingObservationHandler(Profiler profiler, List<String> headers) {
		this.profiler = profiler;
		this.headers = List.copyOf(headers);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext && this.profiler.isRunning();
	}

	@Override
	public void onScopeOpened(ServerRequestObservationContext context) {
		RequestTags tags = context.get(RequestTags.class);
		if (tags == null) {
			tags = new RequestTags(context.getCarrier().getMethod(), context.getCarrier()::getHeader, this.headers,
					context::getPathPattern);
			context.put(RequestTags.class, tags);
		}
		OpenScopes scopes = context.computeIfAbsent(OpenScopes.class, (key) -> new OpenScopes());
		scopes.push(ProfilingContext.open(tags));
	}

	@Override
	public void onScopeClosed(ServerRequestObservationContext context) {
		OpenScopes scopes = context.get(OpenScopes.class);
		if (scopes != null) {
			scopes.closeInnermostOfCurrentThread();
		}
	}

}
