package io.github.profiling.shop.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the shop's profiling endpoint on 127.0.0.1. */
public final class ProfilingClient {

	// Each frame is two levels of JSON (node, children); this shop's stacks pass
	// Jackson's default 500.
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20_000).build())
			.build())
		.build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	public ProfilingClient(int port) {
		this.base = "http://127.0.0.1:" + port + "/actuator/profiling";
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public JsonNode status() {
		return getJson("");
	}

	/** {@code /tree} with the given query, e.g. {@code seconds=60}. */
	public JsonNode tree(String query) {
		return getJson("/tree" + (query.isEmpty() ? "" : "?" + query));
	}

	/** The tree of one route since start. */
	public JsonNode routeTree(String route) {
		return tree("tag=" + encode("http.route:" + route));
	}

	public JsonNode tags(String query) {
		return getJson("/tags" + (query.isEmpty() ? "" : "?" + query));
	}

	public void reset() {
		post("{\"action\":\"reset\"}");
	}

	public JsonNode post(String json) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		if (response.statusCode() != 200) {
			throw new AssertionError("POST " + json + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	public JsonNode getJson(String pathAndQuery) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build());
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/**
	 * Opens {@code /live} and hands every tree event to {@code events} on a daemon thread
	 * until the stream ends or the returned handle is closed.
	 */
	public AutoCloseable live(String query, Consumer<JsonNode> events, Consumer<Throwable> failure) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.base + "/live" + (query.isEmpty() ? "" : "?" + query)))
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (response.statusCode() != 200) {
			throw new AssertionError("GET /live answered " + response.statusCode());
		}
		InputStream body = response.body();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
				String event = null;
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("event:")) {
						event = line.substring(6).trim();
					}
					else if (line.startsWith("data:") && "tree".equals(event)) {
						events.accept(JSON.readTree(line.substring(5)));
					}
				}
			}
			catch (IOException ex) {
				// closed by the test
			}
			catch (RuntimeException | Error ex) {
				failure.accept(ex);
			}
		}, "shop-live-reader");
		reader.setDaemon(true);
		reader.start();
		return () -> {
			body.close();
			reader.join(5000);
		};
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
