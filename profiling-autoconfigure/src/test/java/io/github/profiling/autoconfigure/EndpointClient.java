package io.github.profiling.autoconfigure;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain HTTP client for the tests: the app's routes, the endpoint's views, a bounded
 * load.
 */
final class EndpointClient {

	// Trees nest two levels a frame: a deep stack of a busy test JVM passes Jackson's
	// default 500.
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build())
			.build())
		.build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	EndpointClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	String base() {
		return this.base;
	}

	String profiling(String pathAndQuery) {
		return this.base + "/actuator/profiling" + pathAndQuery;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	HttpResponse<String> get(String url, String accept) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", accept)
			.GET()
			.build());
	}

	/** A GET with one header of its own, as a client that sends it with every request. */
	HttpResponse<String> getWithHeader(String url, String header, String value) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header(header, value)
			.GET()
			.build());
	}

	HttpResponse<String> head(String url) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build());
	}

	HttpResponse<String> post(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	JsonNode getJson(String url) {
		HttpResponse<String> response = get(url);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return parse(response.body());
	}

	/**
	 * Switches the profiler at run time to {@code sampler} under {@code cpu} at 2 ms, and
	 * fails unless the status then names it.
	 */
	JsonNode useSampler(String sampler) {
		JsonNode status = parse(post(profiling(""),
				"{\"mode\":\"sampling\",\"sampler\":\"" + sampler + "\",\"event\":\"cpu\",\"interval\":\"2ms\"}")
			.body());
		assertThat(status.path("sampler").asString("")).as(status.toString()).isEqualTo(sampler);
		return status;
	}

	/** Empties the store and the kept requests. */
	void reset() {
		post(profiling(""), "{\"action\":\"reset\"}");
	}

	static JsonNode parse(String json) {
		return JSON.readTree(json);
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

	/**
	 * Sends {@code requests} GETs to {@code path} from {@code clients} threads; waits at
	 * most a minute, and fails if any request failed.
	 */
	void load(String path, int clients, int requests) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
		for (int i = 0; i < requests; i++) {
			pool.execute(() -> {
				try {
					HttpResponse<String> response = get(this.base + path);
					if (response.statusCode() != 200) {
						failures.add(path + " answered " + response.statusCode() + ": " + response.body());
					}
				}
				catch (RuntimeException ex) {
					failures.add(path + " failed: " + ex);
				}
			});
		}
		pool.shutdown();
		if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
			pool.shutdownNow();
			throw new AssertionError("load on " + path + " did not finish within a minute");
		}
		if (!failures.isEmpty()) {
			throw new AssertionError(failures.size() + " of " + requests + " requests failed, e.g. " + failures.peek());
		}
	}

	/** Reads {@code count} SSE events of a stream, giving up after {@code timeout}. */
	List<String> readEvents(String url, String accept, int count, Duration timeout) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build();
		HttpResponse<java.io.InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": "
					+ new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
		}
		List<String> events = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		ExecutorService reader = Executors.newSingleThreadExecutor();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String eventName = null;
			while (events.size() < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("only " + events.size() + " of " + count + " events within " + timeout);
				}
				String line = reader.submit(lines::readLine).get(left, TimeUnit.NANOSECONDS);
				if (line == null) {
					throw new AssertionError("stream ended after " + events.size() + " events");
				}
				if (line.startsWith("event:")) {
					eventName = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					if (!"tree".equals(eventName)) {
						throw new AssertionError("unexpected event " + eventName);
					}
					events.add(line.substring(5));
				}
			}
		}
		finally {
			reader.shutdownNow();
		}
		return events;
	}

}
