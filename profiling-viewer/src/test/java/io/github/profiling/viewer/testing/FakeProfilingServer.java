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
 * every interval as Server-Sent Events, {@code /tree} and {@code /tags} answer with
 * canned JSON. It remembers the requests it got, and can demand credentials or answer
 * 400.
 */
public final class FakeProfilingServer implements AutoCloseable {

	public static final String TAGS_JSON = """
			[{"tags":{"http.method":"GET","http.route":"/{n}"},"samples":900,"percent":87.5},
			 {"tags":{"http.method":"GET","http.route":"/health"},"samples":128,"percent":12.5}]""";

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
			if (path.endsWith("/live")) {
				stream(exchange);
			}
			else if (path.endsWith("/tags")) {
				respond(exchange, 200, "application/json", TAGS_JSON);
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
