package io.github.profiling.viewer.source;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.profiling.viewer.model.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The addresses of one server's profiling endpoint
 * ({@code http://host:port/actuator/profiling}), and the requests the viewer sends to it.
 */
public final class RemoteEndpoint {

	/**
	 * How long a request may wait for the response headers; a stream's body may last
	 * forever.
	 */
	static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);

	private final String base;

	private final Credentials credentials;

	private final String focus;

	public RemoteEndpoint(String base, Credentials credentials) {
		this(base, credentials, null);
	}

	/**
	 * @param focus where every path of the live trees starts ({@code app}, or packages),
	 * or null
	 */
	public RemoteEndpoint(String base, Credentials credentials, String focus) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.credentials = credentials;
		this.focus = focus;
	}

	public String base() {
		return base;
	}

	/**
	 * {@code B/live?interval=..&seconds=..&tag=..&focus=..}; null parameters are left
	 * out.
	 */
	public URI liveUri(String interval, Integer seconds, List<Tag> tags) {
		List<String> query = new ArrayList<>();
		if (interval != null) {
			query.add(parameter("interval", interval));
		}
		if (seconds != null) {
			query.add(parameter("seconds", seconds.toString()));
		}
		for (Tag tag : tags) {
			query.add(parameter("tag", tag.toString()));
		}
		if (focus != null) {
			query.add(parameter("focus", focus));
		}
		return uri("/live", query);
	}

	/** {@code B/tags?seconds=N}: the tag sets seen over the last N seconds. */
	public URI tagsUri(int seconds) {
		return uri("/tags", List.of(parameter("seconds", Integer.toString(seconds))));
	}

	/**
	 * {@code B/requests?seconds=..&tag=..}: the kept slow requests; a null window leaves
	 * it to the server.
	 */
	public URI requestsUri(Integer seconds, List<Tag> tags) {
		List<String> query = new ArrayList<>();
		if (seconds != null) {
			query.add(parameter("seconds", seconds.toString()));
		}
		for (Tag tag : tags) {
			query.add(parameter("tag", tag.toString()));
		}
		return uri("/requests", query);
	}

	/** {@code B/tree?request=ID&focus=..}: one kept request's own tree. */
	public URI requestTreeUri(String id) {
		List<String> query = new ArrayList<>();
		query.add(parameter("request", id));
		if (focus != null) {
			query.add(parameter("focus", focus));
		}
		return uri("/tree", query);
	}

	/** A GET request carrying the credentials. */
	public HttpRequest.Builder get(URI uri, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.GET()
			.timeout(HEADERS_TIMEOUT)
			.header("Accept", accept);
		credentials.authorization().ifPresent(value -> request.header("Authorization", value));
		return request;
	}

	/**
	 * A one-line explanation of a failed response, using the endpoint's {@code {error,
	 * parameter}} body where there is one.
	 */
	public static String describeFailure(int status, String body) {
		String detail = errorFromBody(body);
		return switch (status) {
			case 401 -> "HTTP 401 unauthorized: give --user and --password, or --token";
			case 403 -> "HTTP 403 forbidden: these credentials may not read the profiling endpoint";
			case 404 -> "HTTP 404: no profiling endpoint here (is it exposed?)";
			default -> "HTTP " + status + (detail == null ? "" : ": " + detail);
		};
	}

	/** The endpoint's {@code error} in a failed response's body, or its first line. */
	static String errorFromBody(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode json = JsonMapper.shared().readTree(body);
			if (json != null && json.has("error")) {
				String error = json.get("error").asString();
				return json.has("parameter") ? error + " (parameter " + json.get("parameter").asString() + ")" : error;
			}
		}
		catch (JacksonException notJson) {
			// fall through: show the start of the body as it is
		}
		String firstLine = body.strip().lines().findFirst().orElse("");
		return firstLine.length() > 120 ? firstLine.substring(0, 117) + "..." : firstLine;
	}

	private URI uri(String path, List<String> query) {
		String text = base + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
		return URI.create(text);
	}

	private static String parameter(String name, String value) {
		return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return base;
	}

}
