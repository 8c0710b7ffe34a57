package io.github.profiling.viewer.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.TreeDocumentJson;

/**
 * A stand-in for a server's profiling endpoint on 127.0.0.1: {@code /live} streams a tree
 * every interval as Server-Sent Events, {@code /tree}, {@code /tags} and
 * {@code /requests} answer with canned JSON, {@code /tree?request=ID} with the tree of a
 * kept request or 404. It remembers the requests it got, and can demand credentials or
 * answer 400.
 */
public final class FakeProfilingServer implements AutoCloseable {

	public static final String TAGS_JSON = """
			[{"tags":{"http.method":"GET","http.route":"/{n}"},"samples":900,"percent":87.5},
			 {"tags":{"http.method":"GET","http.route":"/health"},"samples":128,"percent":12.5}]""";

	/**
	 * Three kept requests, slowest first as the server lists them; the last one, untraced
	 * and with samples lost, is no longer kept by the time its tree is asked for.
	 */
	public static final String REQUESTS_JSON = """
			{"sampler":"jdk","event":"cpu","unit":"samples","from":"2026-12-02T18:00:00Z","to":"2026-12-02T18:01:00Z",
			 "slowest":10,"minDurationMillis":0,
			 "requests":[
			  {"id":"1842","tags":{"http.method":"GET","http.route":"/{n}"},"start":"2026-12-02T18:00:12.345Z",
			   "durationMillis":412.7,"samples":38,"weight":38,"complete":true,
			   "traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7"},
			  {"id":"1907","tags":{"http.method":"GET","http.route":"/{n}"},"start":"2026-12-02T18:00:40.002Z",
			   "durationMillis":230.1,"samples":21,"weight":21,"complete":true,"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331"},
			  {"id":"77","tags":{"http.method":"GET","http.route":"/health"},"start":"2026-12-02T18:00:03.500Z",
			   "durationMillis":12.5,"samples":1,"weight":1,"complete":false}
			 ]}""";

	/** The own tree of request 1842, as {@code tree?request=1842} answers it. */
	public static final String REQUEST_1842_TREE_JSON = """
			{"sampler":"jdk","event":"cpu","unit":"samples","from":"2026-12-02T18:00:12.345Z","to":"2026-12-02T18:00:12.758Z",
			 "samples":38,
			 "request":{"id":"1842","tags":{"http.method":"GET","http.route":"/{n}"},"start":"2026-12-02T18:00:12.345Z",
			   "durationMillis":412.7,"samples":38,"weight":38,"complete":true,
			   "traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7"},
			 "root":{"name":"all","own":0,"deep":38,"children":[
			  {"name":"app.Controller.report","own":2,"deep":38,"children":[
			   {"name":"app.Repository.slowQuery","own":6,"deep":36,"children":[
			    {"name":"java.net.SocketInputStream.read","own":30,"deep":30,"children":[]}]}]}]}}""";

	/** Recorded request: its URI (path and query) and headers. */
	public record Request(URI uri, Headers headers) {
		public String header(String name) {
			return headers.getFirst(name);
		}
	}

	private static final Duration LONGEST_STREAM = Duration.ofMinutes(3);

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "fake-profiling-server");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger treesSent = new AtomicInteger();

	private final IntFunction<TreeDocument> trees;

	private final Duration interval;

	private volatile String requiredAuthorization;

	private volatile String badRequestError;

	private volatile int eventsPerStream = Integer.MAX_VALUE;

	private volatile boolean stopped;

	/**
	 * @param trees the tree to send as the n-th event (n counts from 0 over the server's
	 * life)
	 */
	public FakeProfilingServer(int port, Duration interval, IntFunction<TreeDocument> trees) throws IOException {
		this.trees = trees;
		this.interval = interval;
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.setExecutor(threads);
		server.createContext("/actuator/profiling", this::handle);
		server.start();
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port() + "/actuator/profiling";
	}

	/** Every request must carry this Authorization header, or gets 401. */
	public void requireAuthorization(String value) {
		requiredAuthorization = value;
	}

	/** Every request gets 400 with this error, as the endpoint answers bad parameters. */
	public void answerBadRequest(String error) {
		badRequestError = error;
	}

	/**
	 * Each stream sends this many events and then stays open without a word, like a hung
	 * server.
	 */
	public void goQuietAfter(int events) {
		eventsPerStream = events;
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	/** The requests for {@code /requests} and {@code /tree?request=ID}. */
	public List<Request> slowRequestRequests() {
		return requests.stream()
			.filter(request -> request.uri().getPath().endsWith("/requests")
					|| String.valueOf(request.uri().getQuery()).startsWith("request="))
			.toList();
	}

	public List<Request> liveRequests() {
		return requests.stream().filter(request -> request.uri().getPath().endsWith("/live")).toList();
	}

	public int treesSent() {
		return treesSent.get();
	}

	@Override
	public void close() {
		stopped = true;
		server.stop(0);
		threads.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		requests.add(new Request(exchange.getRequestURI(), exchange.getRequestHeaders()));
		try (exchange) {
			String authorization = requiredAuthorization;
			if (authorization != null
					&& !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				respond(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
				return;
			}
			if (badRequestError != null) {
				respond(exchange, 400, "application/json",
						"{\"error\":\"" + badRequestError + "\",\"parameter\":\"seconds\"}");
				return;
			}
			String path = exchange.getRequestURI().getPath();
			String query = String.valueOf(exchange.getRequestURI().getQuery());
			if (path.endsWith("/live")) {
				stream(exchange);
			}
			else if (path.endsWith("/tags")) {
				respond(exchange, 200, "application/json", TAGS_JSON);
			}
			else if (path.endsWith("/requests")) {
				respond(exchange, 200, "application/json", REQUESTS_JSON);
			}
			else if (path.endsWith("/tree") && query.startsWith("request=")) {
				if (query.equals("request=1842")) {
					respond(exchange, 200, "application/json", REQUEST_1842_TREE_JSON);
				}
				else {
					respond(exchange, 404, "application/json",
							"{\"error\":\"no request " + query.substring("request=".length()) + " is kept\"}");
				}
			}
			else if (path.endsWith("/tree")) {
				respond(exchange, 200, "application/json", TreeDocumentJson.write(trees.apply(treesSent.get())));
			}
			else {
				respond(exchange, 404, "application/json", "{\"error\":\"not found\"}");
			}
		}
	}

	private void stream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		long deadline = System.nanoTime() + LONGEST_STREAM.toNanos();
		try {
			for (int sent = 0; !stopped && System.nanoTime() < deadline; sent++) {
				if (sent < eventsPerStream) {
					String json = TreeDocumentJson.write(trees.apply(treesSent.getAndIncrement()));
					body.write(("event: tree\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
					body.flush();
				}
				Thread.sleep(interval.toMillis());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (IOException clientWentAway) {
			// the viewer closed the stream
		}
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
