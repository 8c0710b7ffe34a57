package io.github.profiling.autoconfigure.export.pyroscope;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends one push request to Pyroscope and says what became of it: accepted, to retry
 * (429, 5xx, no answer, no connection) or rejected for good. Every request has a timeout.
 */
final class PyroscopeClient implements AutoCloseable {

	static final String PUSH_PATH = "/push.v1.PusherService/Push";

	private static final int MAX_LOGGED_MESSAGE = 300;

	private final URI pushUri;

	private final Duration timeout;

	private final Map<String, String> headers;

	private final ExecutorService executor;

	private final HttpClient http;

	PyroscopeClient(String serverUrl, Duration timeout, Map<String, String> headers) {
		this.pushUri = pushUri(serverUrl);
		this.timeout = timeout;
		this.headers = Map.copyOf(headers);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "profiling-pyroscope-http");
			thread.setDaemon(true);
			return thread;
		});
		this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(this.executor).build();
	}

	private static URI pushUri(String serverUrl) {
		String base = serverUrl.strip();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + PUSH_PATH);
	}

	/** The headers of basic or bearer authentication and of the tenant, as configured. */
	static Map<String, String> headers(String user, String password, String token, String tenantId) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (token != null && !token.isEmpty()) {
			headers.put("Authorization", "Bearer " + token);
		}
		else if (user != null && !user.isEmpty()) {
			String credentials = user + ":" + ((password != null) ? password : "");
			headers.put("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		if (tenantId != null && !tenantId.isEmpty()) {
			headers.put("X-Scope-OrgID", tenantId);
		}
		return headers;
	}

	URI pushUri() {
		return this.pushUri;
	}

	/**
	 * Sends {@code body}, a {@code PushRequest}, and waits for the answer.
	 * @throws InterruptedException when the exporter closes meanwhile
	 * @throws IllegalArgumentException if the request cannot even be built (a header it
	 * refuses)
	 */
	Answer send(byte[] body) throws InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.pushUri)
			.timeout(this.timeout)
			.header("Content-Type", "application/proto")
			.header("Connect-Protocol-Version", "1")
			.header("Connect-Timeout-Ms", Long.toString(this.timeout.toMillis()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		this.headers.forEach(request::header);
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			return Answer.retry("timeout",
					"no answer from " + this.pushUri + " within " + this.timeout.toMillis() + " ms: " + describe(ex));
		}
		catch (IOException ex) {
			return Answer.retry("unreachable", "cannot reach " + this.pushUri + ": " + describe(ex));
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new Answer(Outcome.ACCEPTED, null, null);
		}
		String problem = "Pyroscope answered " + status + ": " + trim(response.body());
		// 429 and 5xx may pass later; any other answer would be the same for the same
		// window.
		return (status == 429 || status >= 500) ? Answer.retry("status " + status, problem)
				: new Answer(Outcome.REJECTED, "status " + status, problem);
	}

	private static String describe(IOException ex) {
		return (ex.getMessage() != null) ? ex.getClass().getSimpleName() + ": " + ex.getMessage()
				: ex.getClass().getSimpleName();
	}

	private static String trim(String answer) {
		String oneLine = (answer != null) ? answer.strip().replaceAll("\\s+", " ") : "";
		return (oneLine.length() > MAX_LOGGED_MESSAGE) ? oneLine.substring(0, MAX_LOGGED_MESSAGE) + "…" : oneLine;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	enum Outcome {

		ACCEPTED, RETRY, REJECTED

	}

	/**
	 * What became of a push; {@code kind} names the problem once for logging (a problem
	 * is logged once per kind until the next success), {@code problem} says it.
	 */
	record Answer(Outcome outcome, String kind, String problem) {

		static Answer retry(String kind, String problem) {
			return new Answer(Outcome.RETRY, kind, problem);
		}

	}

}
