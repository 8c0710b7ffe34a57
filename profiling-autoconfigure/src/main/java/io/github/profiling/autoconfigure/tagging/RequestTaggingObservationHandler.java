package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.profiler.Profiler;

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
 * told apart from application work.
 */
public class RequestTaggingObservationHandler extends RequestScopeTagging<ServerRequestObservationContext> {

	public RequestTaggingObservationHandler(Profiler profiler, List<String> headers) {
		this(profiler, headers, TraceIds.NONE);
	}

	public RequestTaggingObservationHandler(Profiler profiler, List<String> headers, TraceIds traceIds) {
		super(profiler, ServerRequestObservationContext.class, headers, traceIds);
	}

	@Override
	RequestTags newTags(ServerRequestObservationContext context) {
		return new RequestTags(context.getCarrier().getMethod(), context.getCarrier()::getHeader, this.headers,
				context::getPathPattern);
	}

}
