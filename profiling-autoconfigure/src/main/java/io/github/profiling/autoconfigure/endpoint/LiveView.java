package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.store.ProfileQuery;

import java.time.Duration;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code live}: a stream of server-sent {@code tree} events, one per interval, each of
 * the time since the one before (or of the last {@code seconds}).
 */
final class LiveView implements ProfileView {

	private final LiveStreams streams;

	private final LiveTransport transport;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	private final Duration defaultInterval;

	LiveView(LiveStreams streams, LiveTransport transport, ViewParameters parameters, TreeHeaders headers,
			Duration defaultInterval) {
		this.streams = streams;
		this.transport = transport;
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
		if (this.transport.isHeadRequest()) {
			// No body will be read: a stream opened for it would hold a slot until
			// shutdown.
			return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body("");
		}
		LiveStreams.LiveChannel channel = this.transport.newChannel();
		if (!this.streams.open(channel, query, intervalSeconds, windowSeconds, this.headers::of)) {
			return new EndpointError("too many live streams: " + this.streams.maxStreams()
					+ " are open (management.profiling.live.max-streams)", null)
				.answer(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		}
		return ResponseEntity.ok(channel.body());
	}

}
