package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSource;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tags of one HTTP request: {@code http.method} and configured headers, known when
 * the request starts, and {@code http.route}, the route template ({@code /{n}}, never the
 * raw path), known only once handler mapping has run. A sampler may read it from another
 * thread at any moment, so it reads only the observation context's route field and values
 * captured on the request thread, never the (recyclable) servlet request. The same for
 * servlet and reactive requests: each handler says where the method, headers and route
 * are.
 */
final class RequestTags implements TagSource {

	static final String METHOD = "http.method";

	static final String ROUTE = "http.route";

	private final Supplier<String> route;

	private final Map<String, String> known;

	private final TagSet withoutRoute;

	private volatile TagSet withRoute;

	// Which request this is, and when it began, for the kept slowest requests' trees.
	final int requestId;

	final long startNanos;

	/**
	 * @param method the request's method
	 * @param header a header's first value by name, or {@code null}
	 * @param headers the headers to tag with, each under its lower-cased name
	 * @param route the route template, {@code null} until handler mapping has run
	 */
	RequestTags(String method, Function<String, String> header, Iterable<String> headers, Supplier<String> route) {
		this.route = route;
		this.known = new LinkedHashMap<>();
		this.known.put(METHOD, method);
		for (String name : headers) {
			String value = header.apply(name);
			if (value != null) {
				this.known.put(name.toLowerCase(Locale.ROOT), value);
			}
		}
		this.withoutRoute = TagSet.of(this.known);
		this.requestId = ProfilingContext.global().newRequestId();
		this.startNanos = System.nanoTime();
	}

	@Override
	public TagSet tags() {
		TagSet resolved = this.withRoute;
		if (resolved != null) {
			return resolved;
		}
		String route = this.route.get();
		if (route == null) {
			return this.withoutRoute;
		}
		resolved = this.withoutRoute.with(TagSet.of(ROUTE, route));
		this.withRoute = resolved;
		return resolved;
	}

	@Override
	public boolean isComplete() {
		return this.withRoute != null || this.route.get() != null;
	}

}
