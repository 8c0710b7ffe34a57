package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.store.ProfileQuery;

import java.time.Duration;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code live}: a stream of server-sent {@code tree} events, one per interval, each of
 * the time since the one before (or of the last {@code seconds}).
 */
final class LiveView implements ProfileView {

	private final LiveStreams streams;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	private final Duration defaultInterval;

	LiveView(LiveStreams streams, ViewParameters parameters, TreeHeaders headers, Duration defaultInterval) {
		this.streams = streams;
		this.parameters = parameters;
		this.headers = headers;
		this.defaultInterval = defaultInterval;
	}

	@Override
	public String name() {
		return "live";
	}

	@Override
	public ResponseEntity<?> answer(ViewRequest request) {
		ProfileQuery query = this.parameters.live(request);
		long intervalSeconds = ViewParameters.liveIntervalSeconds(request.interval(), this.defaultInterval);
		long windowSeconds = this.parameters.liveWindowSeconds(request);
		if (isHeadRequest()) {
			// No body will be read: a stream opened for it would hold a slot until
			// shutdown.
			return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body("");
		}
		SseEmitter emitter = this.streams.open(query, intervalSeconds, windowSeconds, this.headers::of);
		if (emitter == null) {
			return new EndpointError("too many live streams: " + this.streams.maxStreams()
					+ " are open (management.profiling.live.max-streams)", null)
				.answer(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		}
		return ResponseEntity.ok(emitter);
	}

	private static boolean isHeadRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& "HEAD".equals(attributes.getRequest().getMethod());
	}

}
