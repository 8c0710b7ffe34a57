package io.github.profiling.autoconfigure.endpoint;

import java.util.List;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * The views, {@code GET /actuator/profiling/{view}}, on a reactive (WebFlux) server. The
 * actuator's WebFlux adapter would wrap a view's own response in another and collect a
 * stream into a list, so these requests are routed here, ahead of the actuator's mapping,
 * to the same {@link ProfilingEndpoint#view} operation; its answer is written as it is
 * (status, headers, body), and {@code live} as a stream of server-sent events. The views
 * compute on a {@code boundedElastic} thread, as the actuator runs blocking operations,
 * never on the event loop. The status and the {@code POST} stay the actuator's.
 */
final class ProfilingWebFluxViews {

	/** Ahead of the actuator's endpoint mapping (order -100). */
	static final int ORDER = -200;

	private static final List<String> PARAMETERS = List.of("seconds", "tag", "thread", "maxDepth", "minPercent",
			"interval", "focus", "window", "offset", "baseSeconds", "baseOffset", "baseTag", "request", "limit");

	private final ProfilingEndpoint endpoint;

	ProfilingWebFluxViews(ProfilingEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/** A handler mapping for {@code endpointPath/{view}}, the endpoint's path. */
	RouterFunctionMapping mapping(String endpointPath) {
		RouterFunction<ServerResponse> routes = RouterFunctions.route(RequestPredicates.method(HttpMethod.GET)
			.or(RequestPredicates.method(HttpMethod.HEAD))
			.and(RequestPredicates.path(endpointPath + "/{view}")), this::view);
		RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
		mapping.setOrder(ORDER);
		return mapping;
	}

	Mono<ServerResponse> view(ServerRequest request) {
		String view = request.pathVariable("view");
		// Validated as a GET is; live then opens no stream, whose slot no reader would
		// free.
		boolean head = request.method() == HttpMethod.HEAD;
		String[] values = new String[PARAMETERS.size()];
		for (int i = 0; i < values.length; i++) {
			List<String> given = request.queryParams().get(PARAMETERS.get(i));
			// Repeated, as the actuator passes them: joined by commas.
			values[i] = (given != null && !given.isEmpty()) ? String.join(",", given) : null;
		}
		return Mono.fromCallable(() -> {
			Supplier<ResponseEntity<?>> answer = () -> this.endpoint.view(view, values[0], values[1], values[2],
					values[3], values[4], values[5], values[6], values[7], values[8], values[9], values[10], values[11],
					values[12], values[13]);
			return head ? ReactiveLiveTransport.answeringHead(answer) : answer.get();
		}).subscribeOn(Schedulers.boundedElastic()).flatMap(ProfilingWebFluxViews::write);
	}

	@SuppressWarnings("unchecked")
	private static Mono<ServerResponse> write(ResponseEntity<?> answer) {
		ServerResponse.BodyBuilder response = ServerResponse.status(answer.getStatusCode())
			.headers((headers) -> headers.addAll(answer.getHeaders()));
		Object body = answer.getBody();
		if (body == null) {
			return response.build();
		}
		if (body instanceof Publisher<?> events) {
			return response.contentType(MediaType.TEXT_EVENT_STREAM)
				.body((Publisher<ServerSentEvent<String>>) events, ServerSentEvent.class);
		}
		return response.bodyValue(body);
	}

}
