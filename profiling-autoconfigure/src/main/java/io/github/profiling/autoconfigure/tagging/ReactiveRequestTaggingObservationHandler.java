package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.profiler.Profiler;

import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Tags the work of every WebFlux request with its method and route. A reactive request
 * runs in slices on whatever thread delivers its signals: event-loop threads that serve
 * many requests in turn, {@code publishOn}/{@code subscribeOn} schedulers. Reactor's
 * automatic context propagation restores the request's observation around every such
 * slice, which opens its scope on that thread and closes it on the same thread when the
 * slice ends; this handler opens a profiling scope with each and closes it with it. So an
 * event-loop thread carries a request's tags exactly while it works for that request, and
 * the next request it serves starts from no tags.
 * <p>
 * The route ({@code http.route}) is read from the observation context, where handler
 * mapping puts the matched pattern: samples taken before that carry the method only.
 */
public class ReactiveRequestTaggingObservationHandler extends RequestScopeTagging<ServerRequestObservationContext> {

	public ReactiveRequestTaggingObservationHandler(Profiler profiler, List<String> headers) {
		this(profiler, headers, TraceIds.NONE);
	}

	public ReactiveRequestTaggingObservationHandler(Profiler profiler, List<String> headers, TraceIds traceIds) {
		super(profiler, ServerRequestObservationContext.class, headers, traceIds);
	}

	@Override
	RequestTags newTags(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		return new RequestTags(request.getMethod().name(), request.getHeaders()::getFirst, this.headers,
				context::getPathPattern);
	}

}
