package io.github.profiling.viewer.source;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt at reading the live stream: a single HTTP request whose body is read line
 * by line as it arrives. It ends exactly once — the server closed it, it failed, or it
 * was cancelled — and the owner decides whether to try again.
 */
final class StreamConnection {

	/** What the connection reports, from the HTTP client's threads. */
	interface Callbacks {

		void opened();

		void event(SseEventParser.Event event);

		void ended(String reason);

	}

	private final HttpClient client;

	private final HttpRequest request;

	private final Callbacks callbacks;

	private final AtomicBoolean endReported = new AtomicBoolean();

	private volatile CompletableFuture<HttpResponse<String>> response;

	private volatile Flow.Subscription subscription;

	private volatile boolean cancelled;

	private volatile boolean open;

	private volatile String contentType = "";

	private volatile long lastActivityNanos = System.nanoTime();

	StreamConnection(HttpClient client, HttpRequest request, Callbacks callbacks) {
		this.client = client;
		this.request = request;
		this.callbacks = callbacks;
	}

	void open() {
		lastActivityNanos = System.nanoTime();
		response = client.sendAsync(request, this::bodySubscriber);
		response.whenComplete((answer, failure) -> {
			if (failure != null) {
				end(Problems.describe(failure));
			}
			else if (answer.statusCode() != 200) {
				end(RemoteEndpoint.describeFailure(answer.statusCode(), answer.body()));
			}
			else if (!open) {
				end("not an event stream (Content-Type: " + contentType + ")");
			}
			else {
				end("the server closed the stream");
			}
		});
	}

	/**
	 * True once the server has answered 200 with an event stream, until the stream ends.
	 */
	boolean isOpen() {
		return open && !endReported.get();
	}

	/** Nanoseconds since the last line arrived (or since the connection opened). */
	long idleNanos() {
		return System.nanoTime() - lastActivityNanos;
	}

	/**
	 * Closes the stream; no more events are reported, and the end is not reported either.
	 */
	void cancel() {
		cancelled = true;
		endReported.set(true);
		Flow.Subscription current = subscription;
		if (current != null) {
			current.cancel();
		}
		CompletableFuture<HttpResponse<String>> pending = response;
		if (pending != null) {
			pending.cancel(true);
		}
	}

	private BodySubscriber<String> bodySubscriber(ResponseInfo info) {
		contentType = info.headers().firstValue("Content-Type").orElse("none");
		if (info.statusCode() == 200 && isEventStream(info.headers())) {
			open = true;
			lastActivityNanos = System.nanoTime();
			if (!cancelled) {
				callbacks.opened();
			}
			SseEventParser parser = new SseEventParser(this::deliver);
			return BodySubscribers.fromLineSubscriber(new LineReader(parser), reader -> null, StandardCharsets.UTF_8,
					null);
		}
		return BodySubscribers.ofString(StandardCharsets.UTF_8);
	}

	private void deliver(SseEventParser.Event event) {
		if (!cancelled) {
			callbacks.event(event);
		}
	}

	private void end(String reason) {
		if (endReported.compareAndSet(false, true)) {
			callbacks.ended(reason);
		}
	}

	private static boolean isEventStream(HttpHeaders headers) {
		return headers.firstValue("Content-Type").map(type -> type.startsWith("text/event-stream")).orElse(false);
	}

	/** Feeds the body's lines to the event parser as they arrive. */
	private final class LineReader implements Flow.Subscriber<String> {

		private final SseEventParser parser;

		LineReader(SseEventParser parser) {
			this.parser = parser;
		}

		@Override
		public void onSubscribe(Flow.Subscription newSubscription) {
			subscription = newSubscription;
			if (cancelled) {
				newSubscription.cancel();
			}
			else {
				newSubscription.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(String line) {
			lastActivityNanos = System.nanoTime();
			parser.line(line);
		}

		@Override
		public void onError(Throwable failure) {
			// reported through the response future
		}

		@Override
		public void onComplete() {
			// reported through the response future
		}

	}

}
