package io.github.profiling.viewer.source;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.SlowRequest;
import io.github.profiling.viewer.model.SlowRequests;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TagSummary;
import io.github.profiling.viewer.testing.Eventually;
import io.github.profiling.viewer.testing.FakeProfilingServer;
import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveTreeSourceTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration FAST = Duration.ofMillis(100);

	private final RecordingListener listener = new RecordingListener();

	private FakeProfilingServer server;

	private LiveTreeSource source;

	@AfterEach
	void stop() {
		if (source != null) {
			source.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void followsTheStreamTreeByTree() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.sampling(node("tick", n + 1)));
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), "1s", 30,
				List.of(new Tag("http.route", "/{n}")));

		source.start(listener);

		Eventually.await(WAIT, "three trees", () -> listener.trees.size() >= 3);
		assertThat(listener.statuses).startsWith(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED);
		assertThat(listener.trees.get(1).root().child("tick").own())
			.isEqualTo(listener.trees.get(0).root().child("tick").own() + 1);
		FakeProfilingServer.Request request = server.liveRequests().get(0);
		assertThat(request.uri().getQuery()).isEqualTo("interval=1s&seconds=30&tag=http.route:/{n}");
		assertThat(request.header("Accept")).isEqualTo("text/event-stream");
	}

	@Test
	void sendsTheCredentials() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		server.requireAuthorization("Bearer let-me-in");
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), new Credentials.Bearer("let-me-in")), null,
				null, List.of());

		source.start(listener);

		Eventually.await(WAIT, "a tree", () -> !listener.trees.isEmpty());
		assertThat(server.liveRequests().get(0).uri().getQuery()).isNull();
	}

	@Test
	void reportsTheServersRefusalAndKeepsTrying() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		server.answerBadRequest("seconds must be at most 300");
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), null, 999, List.of());

		source.start(listener);

		Eventually.await(WAIT, "two attempts", () -> server.liveRequests().size() >= 2);
		assertThat(listener.messages)
			.anyMatch(message -> message.contains("HTTP 400: seconds must be at most 300 (parameter seconds)"));
		assertThat(listener.statuses).contains(ConnectionStatus.DISCONNECTED)
			.doesNotContain(ConnectionStatus.CONNECTED);
	}

	@Test
	void reconnectsWhenTheServerComesBack() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		int port = server.port();
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), null, null, List.of());
		source.start(listener);
		Eventually.await(WAIT, "a tree", () -> !listener.trees.isEmpty());

		server.close();
		Eventually.await(WAIT, "the disconnection", () -> listener.last() == ConnectionStatus.DISCONNECTED);
		assertThat(listener.messages).isNotEmpty();
		int treesBefore = listener.trees.size();

		server = new FakeProfilingServer(port, FAST, n -> TestTrees.factorial());

		Eventually.await(WAIT, "the reconnection", () -> listener.last() == ConnectionStatus.CONNECTED);
		Eventually.await(WAIT, "trees again", () -> listener.trees.size() > treesBefore);
	}

	@Test
	void pickingTagsReopensTheStreamWithThem() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), null, null, List.of());
		source.start(listener);
		Eventually.await(WAIT, "a tree", () -> !listener.trees.isEmpty());

		List<TagSummary> tags = source.fetchTags().get(10, TimeUnit.SECONDS);
		source.useTags(tags.get(0).tags());

		Eventually.await(WAIT, "a second stream", () -> server.liveRequests().size() >= 2);
		assertThat(tags).extracting(TagSummary::label)
			.containsExactly("http.method:GET http.route:/{n}", "http.method:GET http.route:/health");
		assertThat(server.liveRequests().get(1).uri().getQuery()).isEqualTo("tag=http.method:GET&tag=http.route:/{n}");
		assertThat(source.currentTags()).isEqualTo(tags.get(0).tags());
		assertThat(server.requests()).anyMatch(
				request -> "seconds=60".equals(request.uri().getQuery()) && request.uri().getPath().endsWith("/tags"));
	}

	@Test
	void listsTheKeptRequestsOfTheTagsAndWindowInUseAndOpensOne() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), "1s", 60,
				List.of(new Tag("http.route", "/{n}")));

		SlowRequests answer = source.list().get(10, TimeUnit.SECONDS);
		RequestTree tree = source.open("1842").get(10, TimeUnit.SECONDS);

		assertThat(answer.requests()).extracting(SlowRequest::id).containsExactly("1842", "1907", "77");
		assertThat(tree.request().id()).isEqualTo("1842");
		assertThat(tree.tree().root().child("app.Controller.report")).isNotNull();
		assertThat(server.slowRequestRequests())
			.extracting(request -> request.uri().getPath() + "?" + request.uri().getQuery())
			.containsExactly("/actuator/profiling/requests?seconds=60&tag=http.route:/{n}",
					"/actuator/profiling/tree?request=1842");
		assertThat(server.slowRequestRequests().get(0).header("Accept")).isEqualTo("application/json");
	}

	@Test
	void aRequestNoLongerKeptSaysSo() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), null, null, List.of());

		assertThatThrownBy(() -> source.open("77").get(10, TimeUnit.SECONDS))
			.hasCauseInstanceOf(EndpointFailureException.class)
			.cause()
			.hasMessage("no longer kept by the server (HTTP 404: no request 77 is kept)");
	}

	@Test
	void aStreamThatGoesQuietIsDroppedAndReopened() throws Exception {
		server = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial());
		server.goQuietAfter(1);
		source = new LiveTreeSource(new RemoteEndpoint(server.baseUrl(), Credentials.NONE), null, null, List.of(),
				Duration.ofMillis(500));

		source.start(listener);

		Eventually.await(WAIT, "a second stream", () -> server.liveRequests().size() >= 2);
		assertThat(listener.messages).anyMatch(message -> message.startsWith("no data for 500ms"));
		Eventually.await(WAIT, "a tree from the second stream", () -> listener.trees.size() >= 2);
	}

	@Test
	void aServerThatIsNotThereIsReportedAsRefused() throws Exception {
		int port;
		try (FakeProfilingServer gone = new FakeProfilingServer(0, FAST, n -> TestTrees.factorial())) {
			port = gone.port();
		}
		source = new LiveTreeSource(
				new RemoteEndpoint("http://127.0.0.1:" + port + "/actuator/profiling", Credentials.NONE), null, null,
				List.of());

		source.start(listener);

		Eventually.await(WAIT, "the refusal", () -> listener.last() == ConnectionStatus.DISCONNECTED);
		assertThat(listener.messages).anyMatch(message -> message.startsWith("connection refused"));
	}

	/** Remembers what a source reported, in order. */
	private static final class RecordingListener implements TreeListener {

		final List<TreeDocument> trees = new CopyOnWriteArrayList<>();

		final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();

		final List<String> messages = new CopyOnWriteArrayList<>();

		@Override
		public void onTree(TreeDocument tree) {
			trees.add(tree);
		}

		@Override
		public void onStatus(ConnectionStatus status, String message) {
			statuses.add(status);
			if (message != null) {
				messages.add(message);
			}
		}

		ConnectionStatus last() {
			return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
		}

	}

}
