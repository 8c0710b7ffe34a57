package io.github.profiling.viewer.source;

import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.SlowRequests;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TagSummary;
import io.github.profiling.viewer.model.TreeFormatException;
import io.github.profiling.viewer.model.TreeDocumentJson;

/**
 * Follows a server's live stream ({@code GET B/live}, Server-Sent Events): every
 * {@code tree} event is a fresh tree. When the server goes away it reports DISCONNECTED
 * and tries again every second, for as long as the viewer runs; a stream that goes quiet
 * for too long is dropped and reopened. It also lists the slow requests the server keeps,
 * with the same tags and window as the stream.
 */
public final class LiveTreeSource implements TreeSource, TagChooser, KeptRequests {

	static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private static final Duration MIN_STALL_TIMEOUT = Duration.ofSeconds(10);

	private static final int STALLED_INTERVALS = 5;

	private static final int TAG_WINDOW_SECONDS = 60;

	private final RemoteEndpoint endpoint;

	private final String interval;

	private final Integer seconds;

	private final Duration stallTimeout;

	private final HttpClient client;

	private final ScheduledExecutorService scheduler;

	private volatile List<Tag> tags;

	private volatile TreeListener listener;

	private volatile StreamConnection current;

	private volatile boolean closed;

	/**
	 * @param interval the stream's {@code interval} parameter (e.g. {@code 1s}), or null
	 * for the server's default
	 * @param seconds the stream's {@code seconds} window, or null for one interval
	 */
	public LiveTreeSource(RemoteEndpoint endpoint, String interval, Integer seconds, List<Tag> tags) {
		this(endpoint, interval, seconds, tags, stallTimeout(interval));
	}

	/**
	 * @param stallTimeout how long a stream may stay silent before it is dropped and
	 * reopened
	 */
	LiveTreeSource(RemoteEndpoint endpoint, String interval, Integer seconds, List<Tag> tags, Duration stallTimeout) {
		this.endpoint = endpoint;
		this.interval = interval;
		this.seconds = seconds;
		this.tags = List.copyOf(tags);
		this.stallTimeout = stallTimeout;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(3))
			.build();
		this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "profiling-viewer-stream");
			thread.setDaemon(true);
			return thread;
		});
	}

	private static Duration stallTimeout(String interval) {
		Duration expectedInterval = interval == null ? Duration.ofSeconds(1) : Intervals.parse(interval);
		Duration stall = expectedInterval.multipliedBy(STALLED_INTERVALS);
		return stall.compareTo(MIN_STALL_TIMEOUT) > 0 ? stall : MIN_STALL_TIMEOUT;
	}

	@Override
	public void start(TreeListener newListener) {
		listener = newListener;
		newListener.onStatus(ConnectionStatus.CONNECTING, null);
		scheduler.execute(this::connect);
		scheduler.scheduleWithFixedDelay(this::dropIfStalled, 1, 1, TimeUnit.SECONDS);
	}

	@Override
	public String location() {
		return endpoint.base();
	}

	@Override
	public TagChooser tagChooser() {
		return this;
	}

	@Override
	public KeptRequests keptRequests() {
		return this;
	}

	@Override
	public CompletableFuture<SlowRequests> list() {
		return client
			.sendAsync(endpoint.get(endpoint.requestsUri(seconds, tags), "application/json").build(),
					BodyHandlers.ofString())
			.thenApply(answer -> {
				if (answer.statusCode() == 404) {
					throw new EndpointFailureException("HTTP 404: this server keeps no slow requests (is it older?)");
				}
				if (answer.statusCode() != 200) {
					throw new EndpointFailureException(
							RemoteEndpoint.describeFailure(answer.statusCode(), answer.body()));
				}
				return SlowRequests.parse(answer.body());
			});
	}

	@Override
	public CompletableFuture<RequestTree> open(String id) {
		return client
			.sendAsync(endpoint.get(endpoint.requestTreeUri(id), "application/json").build(), BodyHandlers.ofString())
			.thenApply(answer -> {
				if (answer.statusCode() == 404) {
					String detail = RemoteEndpoint.errorFromBody(answer.body());
					throw new EndpointFailureException(
							"no longer kept by the server" + (detail == null ? "" : " (HTTP 404: " + detail + ")"));
				}
				if (answer.statusCode() != 200) {
					throw new EndpointFailureException(
							RemoteEndpoint.describeFailure(answer.statusCode(), answer.body()));
				}
				return RequestTree.parse(answer.body());
			});
	}

	@Override
	public CompletableFuture<List<TagSummary>> fetchTags() {
		return client
			.sendAsync(endpoint.get(endpoint.tagsUri(TAG_WINDOW_SECONDS), "application/json").build(),
					BodyHandlers.ofString())
			.thenApply(answer -> {
				if (answer.statusCode() != 200) {
					throw new EndpointFailureException(
							RemoteEndpoint.describeFailure(answer.statusCode(), answer.body()));
				}
				return TagSummary.parseList(answer.body());
			});
	}

	@Override
	public void useTags(List<Tag> newTags) {
		tags = List.copyOf(newTags);
		scheduler.execute(() -> {
			StreamConnection old = current;
			current = null;
			if (old != null) {
				old.cancel();
			}
			connect();
		});
	}

	@Override
	public List<Tag> currentTags() {
		return tags;
	}

	@Override
	public void close() {
		closed = true;
		StreamConnection open = current;
		if (open != null) {
			open.cancel();
		}
		scheduler.shutdownNow();
	}

	// runs on the scheduler thread
	private void connect() {
		if (closed) {
			return;
		}
		var request = endpoint.get(endpoint.liveUri(interval, seconds, tags), "text/event-stream").build();
		Reporter reporter = new Reporter();
		StreamConnection connection = new StreamConnection(client, request, reporter);
		reporter.connection = connection;
		current = connection;
		connection.open();
	}

	// runs on the scheduler thread
	private void ended(StreamConnection connection, String reason) {
		if (closed || connection != current) {
			return;
		}
		current = null;
		listener.onStatus(ConnectionStatus.DISCONNECTED, reason + "; retrying every " + RETRY_DELAY.toSeconds() + "s");
		scheduler.schedule(() -> {
			if (current == null) {
				connect();
			}
		}, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
	}

	// runs on the scheduler thread
	private void dropIfStalled() {
		StreamConnection connection = current;
		if (connection != null && connection.isOpen() && connection.idleNanos() > stallTimeout.toNanos()) {
			connection.cancel();
			ended(connection, "no data for " + stallTimeout.toMillis() + "ms");
		}
	}

	/**
	 * Passes one connection's news on to the listener, unless a newer connection replaced
	 * it.
	 */
	private final class Reporter implements StreamConnection.Callbacks {

		private StreamConnection connection;

		private boolean stale() {
			return closed || connection != current;
		}

		@Override
		public void opened() {
			if (!stale()) {
				listener.onStatus(ConnectionStatus.CONNECTED, null);
			}
		}

		@Override
		public void event(SseEventParser.Event event) {
			if (stale()) {
				return;
			}
			switch (event.name()) {
				case "tree", "message" -> deliverTree(event.data());
				case "error" ->
					listener.onStatus(ConnectionStatus.CONNECTED, RemoteEndpoint.describeFailure(400, event.data()));
				default -> {
					// other events are not for this viewer
				}
			}
		}

		@Override
		public void ended(String reason) {
			if (!closed) {
				scheduler.execute(() -> LiveTreeSource.this.ended(connection, reason));
			}
		}

		private void deliverTree(String json) {
			try {
				TreeDocument tree = TreeDocumentJson.parse(json);
				listener.onTree(tree);
			}
			catch (TreeFormatException e) {
				listener.onStatus(ConnectionStatus.CONNECTED, "the server sent a bad tree: " + e.getMessage());
			}
		}

	}

}
