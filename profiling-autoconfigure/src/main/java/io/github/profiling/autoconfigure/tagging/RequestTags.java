package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSource;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The tags of one HTTP request: {@code http.method} and configured headers, known when
 * the request starts, and {@code http.route}, the route template ({@code /{n}}, never the
 * raw path), known only once handler mapping has run. A sampler may read it from another
 * thread at any moment, so it reads only the observation context's route field and values
 * captured on the request thread, never the (recyclable) servlet request.
 */
final class RequestTags implements TagSource {

	static final String METHOD = "http.method";

	static final String ROUTE = "http.route";

	private final ServerRequestObservationContext observation;

	private final Map<String, String> known;

	private final TagSet withoutRoute;

	private volatile TagSet withRoute;

	RequestTags(ServerRequestObservationContext observation, Iterable<String> headers) {
		this.observation = observation;
		this.known = new LinkedHashMap<>();
		this.known.put(METHOD, observation.getCarrier().getMethod());
		for (String header : headers) {
			String value = observation.getCarrier().getHeader(header);
			if (value != null) {
				this.known.put(header.toLowerCase(java.util.Locale.ROOT), value);
			}
		}
		this.withoutRoute = TagSet.of(this.known);
	}

	@Override
	public TagSet tags() {
		TagSet resolved = this.withRoute;
		if (resolved != null) {
			return resolved;
		}
		String route = this.observation.getPathPattern();
		if (route == null) {
			return this.withoutRoute;
		}
		resolved = this.withoutRoute.with(TagSet.of(ROUTE, route));
		this.withRoute = resolved;
		return resolved;
	}

	@Override
	public boolean isComplete() {
		return this.withRoute != null || this.observation.getPathPattern() != null;
	}

}
