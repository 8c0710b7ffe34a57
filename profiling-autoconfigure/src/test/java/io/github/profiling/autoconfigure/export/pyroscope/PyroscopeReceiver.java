package io.github.profiling.autoconfigure.export.pyroscope;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Stands in for a Pyroscope server in the test JVM, on 127.0.0.1: records every request
 * to the Push path with its headers, decodes its body, and answers as told (200, a status
 * with a Connect error body, or only after a delay). It can be stopped and started again
 * on the same port.
 */
final class PyroscopeReceiver implements AutoCloseable {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String errorMessage = "";

	private volatile Duration delay = Duration.ZERO;

	private int port;

	private HttpServer server;

	PyroscopeReceiver() {
		start();
	}

	synchronized void start() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.port = this.server.getAddress().getPort();
		this.server.setExecutor(Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "pyroscope-receiver");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Down: connections are refused until {@link #start()}. */
	synchronized void stop() {
		this.server.stop(0);
	}

	@Override
	public void close() {
		stop();
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	void answer(int status, String message) {
		this.errorMessage = message;
		this.status = status;
	}

	void answerOk() {
		this.delay = Duration.ZERO;
		answer(200, "");
	}

	void answerAfter(Duration delay) {
		this.delay = delay;
	}

	List<Received> received() {
		return new ArrayList<>(this.received);
	}

	List<Received> accepted() {
		return this.received.stream().filter(Received::accepted).toList();
	}

	long count(Predicate<Received> which) {
		return this.received.stream().filter(which).count();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Duration wait = this.delay;
		int answer = this.status;
		String message = this.errorMessage;
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				Map.copyOf(exchange.getRequestHeaders()
					.entrySet()
					.stream()
					.collect(java.util.stream.Collectors.toMap((entry) -> entry.getKey().toLowerCase(),
							(entry) -> String.join(",", entry.getValue()), (a, b) -> a + "," + b))),
				body, answer, !wait.isZero());
		this.received.add(request);
		try {
			if (!wait.isZero()) {
				Thread.sleep(wait.toMillis());
			}
			if (answer == 200) {
				// Connect's unary answer: the PushResponse message, empty.
				exchange.getResponseHeaders().add("Content-Type", "application/proto");
				exchange.sendResponseHeaders(200, -1);
			}
			else {
				byte[] error = ("{\"code\":\"" + connectCode(answer) + "\",\"message\":\"" + message + "\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(answer, error.length);
				exchange.getResponseBody().write(error);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// The client gave up waiting: what a slow server sees.
		}
		finally {
			exchange.close();
		}
	}

	private static String connectCode(int status) {
		return switch (status) {
			case 400 -> "invalid_argument";
			case 429 -> "resource_exhausted";
			case 503 -> "unavailable";
			default -> "internal";
		};
	}

	/** One request as it arrived, and how it was answered. */
	record Received(String method, String path, Map<String, String> headers, byte[] body, int answeredStatus,
			boolean delayed) {

		/** Answered 200 in time: what the exporter counts as pushed. */
		boolean accepted() {
			return this.answeredStatus == 200 && !this.delayed;
		}

		DecodedPush decoded() {
			return DecodedPush.decode(this.body);
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

	}

}
