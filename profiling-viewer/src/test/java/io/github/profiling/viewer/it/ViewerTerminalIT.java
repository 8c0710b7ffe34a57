package io.github.profiling.viewer.it;

import static io.github.profiling.viewer.testing.TestTrees.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.TreeDocumentJson;
import io.github.profiling.viewer.source.TreeFile;
import io.github.profiling.viewer.testing.FakeProfilingServer;
import io.github.profiling.viewer.testing.TmuxSession;
import io.github.profiling.viewer.testing.TestTrees;
import io.github.profiling.viewer.testing.ViewerCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged viewer in a real terminal (tmux), attached to a stand-in endpoint that
 * streams a changing factorial tree: what a person sees and types.
 */
class ViewerTerminalIT {

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private static final Duration STEP = Duration.ofSeconds(15);

	private static final Duration EVENT_INTERVAL = Duration.ofMillis(300);

	@TempDir
	Path directory;

	private FakeProfilingServer server;

	private TmuxSession tmux;

	@BeforeAll
	static void needsTmux() {
		TmuxSession.requireTmux();
	}

	@AfterEach
	void stop() {
		if (tmux != null) {
			tmux.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void showsTheTreePausesResumesAndQuitsGivingTheTerminalBack() throws Exception {
		server = new FakeProfilingServer(0, EVENT_INTERVAL, ViewerTerminalIT::tree);
		ViewerCommand viewer = new ViewerCommand(directory, server.baseUrl());
		tmux = TmuxSession.start("live", 160, 50, viewer.shellCommand());

		String screen = tmux.awaitScreen(STARTUP, "the tree", text -> text.contains("java.math.BigInteger"));
		assertThat(screen.lines().findFirst().orElseThrow()).contains(server.baseUrl()).contains("LIVE");
		assertThat(screen).contains(" FUNCTION").contains("OWN").contains("DEEP");
		// the hot path is open down to its leaf
		assertThat(screen).contains("java.math.BigInteger.multiplyToLen");

		tmux.sendKeys("space");
		String paused = tmux.awaitScreen(STEP, "PAUSED", text -> firstLine(text).contains("PAUSED"));
		int treesAtPause = server.treesSent();
		TmuxSession.sleep(Duration.ofMillis(2500));
		assertThat(tmux.capture()).isEqualTo(paused);
		assertThat(server.treesSent()).isGreaterThan(treesAtPause + 3);

		tmux.sendKeys("space");
		tmux.awaitScreen(STEP, "the screen to change again",
				text -> !text.equals(paused) && !firstLine(text).contains("PAUSED"));

		tmux.sendKeys("q");
		assertThat(viewer.awaitExit(STEP)).isEqualTo("EXIT=0");
		assertTerminalGivenBack(viewer);
	}

	@Test
	void saysDisconnectedWhileTheServerIsAwayAndReconnects() throws Exception {
		server = new FakeProfilingServer(0, EVENT_INTERVAL, ViewerTerminalIT::tree);
		int port = server.port();
		tmux = TmuxSession.start("reconnect", 160, 50, new ViewerCommand(directory, server.baseUrl()).shellCommand());
		tmux.awaitScreen(STARTUP, "LIVE", text -> firstLine(text).contains("LIVE"));

		server.close();
		String away = tmux.awaitScreen(STEP, "DISCONNECTED", text -> firstLine(text).contains("DISCONNECTED"));
		assertThat(away).contains("retrying every 1s").contains("java.math.BigInteger");

		server = new FakeProfilingServer(port, EVENT_INTERVAL, ViewerTerminalIT::tree);
		tmux.awaitScreen(STEP, "LIVE again", text -> firstLine(text).contains("LIVE"));
	}

	@Test
	void picksATagFromTheServersListAndStreamsOnlyThat() throws Exception {
		server = new FakeProfilingServer(0, EVENT_INTERVAL, ViewerTerminalIT::tree);
		tmux = TmuxSession.start("tags", 160, 50, new ViewerCommand(directory, server.baseUrl()).shellCommand());
		tmux.awaitScreen(STARTUP, "the tree", text -> text.contains("java.math.BigInteger"));

		tmux.sendKeys("t");
		tmux.awaitScreen(STEP, "the tag list",
				text -> text.contains("all (no tag filter)") && text.contains("http.method:GET http.route:/health"));
		tmux.sendKeys("Down", "Down", "Enter");

		tmux.awaitScreen(STEP, "the tag in the header",
				text -> firstLine(text).contains("tag http.method:GET http.route:/health"));
		assertThat(server.liveRequests()).last()
			.satisfies(request -> assertThat(request.uri().getQuery())
				.isEqualTo("tag=http.method:GET&tag=http.route:/health"));
	}

	@Test
	void listsTheSlowRequestsSlowestFirstOpensOneFrozenAndGoesBackToLive() throws Exception {
		server = new FakeProfilingServer(0, EVENT_INTERVAL, ViewerTerminalIT::tree);
		ViewerCommand viewer = new ViewerCommand(directory, server.baseUrl(), "--tag", "http.route:/{n}", "--seconds",
				"60");
		tmux = TmuxSession.start("requests", 160, 50, viewer.shellCommand());
		String live = tmux.awaitScreen(STARTUP, "the tree", text -> text.contains("java.math.BigInteger"));
		assertThat(lastLine(live)).contains("r requests");

		tmux.sendKeys("r");
		String list = tmux.awaitScreen(STEP, "the request list",
				text -> text.contains("Slow requests of http.route:/{n}, slowest first") && text.contains("12.5ms"));
		assertThat(list.indexOf("412.7ms")).isLessThan(list.indexOf("230.1ms"));
		assertThat(list.indexOf("230.1ms")).isLessThan(list.indexOf("12.5ms"));
		assertThat(list).containsPattern("412\\.7ms +18:00:12\\.345Z +38 +4bf92f3577b34da6a3ce929d0e0e4736 +"
				+ "http\\.method:GET http\\.route:/\\{n\\}");
		assertThat(server.slowRequestRequests()).last()
			.satisfies(request -> assertThat(request.uri().getQuery()).isEqualTo("seconds=60&tag=http.route:/{n}"));

		// the last one's tree is no longer kept
		tmux.sendKeys("End", "Enter");
		tmux.awaitScreen(STEP, "the expired request reported",
				text -> lastLine(text)
					.contains("request 77: no longer kept by the server (HTTP 404: no request 77 is kept)")
						&& text.contains("Slow requests of"));

		tmux.sendKeys("Home", "Enter");
		String request = tmux.awaitScreen(STEP, "the request's own tree",
				text -> firstLine(text).contains("REQUEST") && text.contains("java.net.SocketInputStream.read"));
		assertThat(firstLine(request)).contains("request 1842  http.method:GET http.route:/{n}  412.7ms");
		assertThat(request).contains("started 18:00:12.345Z").doesNotContain("java.math.BigInteger");
		assertThat(lastLine(request)).contains("esc/r back to live");
		int treesWhenOpened = server.treesSent();
		TmuxSession.sleep(Duration.ofMillis(2000));
		assertThat(tmux.capture()).as("frozen while live trees arrive").isEqualTo(request);
		assertThat(server.treesSent()).isGreaterThan(treesWhenOpened + 3);

		tmux.sendKeys("Escape");
		String back = tmux.awaitScreen(STEP, "the live view again",
				text -> firstLine(text).contains("LIVE") && text.contains("java.math.BigInteger"));
		assertThat(firstLine(back)).doesNotContain("request 1842");
		tmux.awaitScreen(STEP, "live trees shown again", text -> !text.equals(back));

		// the same key goes back too
		tmux.sendKeys("r");
		tmux.awaitScreen(STEP, "the request list again", text -> text.contains("230.1ms"));
		tmux.sendKeys("Enter");
		tmux.awaitScreen(STEP, "the request again", text -> firstLine(text).contains("REQUEST"));
		tmux.sendKeys("r");
		tmux.awaitScreen(STEP, "the live view again",
				text -> firstLine(text).contains("LIVE") && text.contains("java.math.BigInteger"));
	}

	@Test
	void savesTheTreeItShowsAndOpensItOffline() throws Exception {
		server = new FakeProfilingServer(0, EVENT_INTERVAL, ViewerTerminalIT::tree);
		Path saved = directory.resolve("saved.json");
		ViewerCommand live = new ViewerCommand(Files.createDirectories(directory.resolve("live")), server.baseUrl(),
				"--save", saved.toString());
		tmux = TmuxSession.start("save", 160, 50, live.shellCommand());
		tmux.awaitScreen(STARTUP, "the tree", text -> text.contains("java.math.BigInteger"));
		tmux.sendKeys("space"); // freeze, so the file holds what the screen shows
		String frozen = tmux.awaitScreen(STEP, "PAUSED", text -> firstLine(text).contains("PAUSED"));
		tmux.sendKeys("q");
		assertThat(live.awaitExit(STEP)).isEqualTo("EXIT=0");
		tmux.close();

		TreeDocument tree = TreeFile.read(saved);
		long multiplyToLen = tree.root()
			.child("java.lang.Thread.run")
			.child("app.Controller.factorial")
			.child("java.math.BigInteger.multiply")
			.child("java.math.BigInteger.multiplyToLen")
			.own();
		assertThat(frozen).containsPattern("java\\.math\\.BigInteger\\.multiplyToLen +" + multiplyToLen + " ");

		ViewerCommand offline = new ViewerCommand(Files.createDirectories(directory.resolve("offline")),
				saved.toString());
		tmux = TmuxSession.start("offline", 160, 50, offline.shellCommand());
		String screen = tmux.awaitScreen(STARTUP, "the saved tree",
				text -> text.contains("java.math.BigInteger.multiplyToLen"));
		assertThat(firstLine(screen)).contains(saved.toString()).contains("FILE");
		tmux.sendKeys("r");
		tmux.awaitScreen(STEP, "that a file has no slow requests",
				text -> lastLine(text).contains("slow requests need a live server"));
		tmux.sendKeys("q");
		assertThat(offline.awaitExit(STEP)).isEqualTo("EXIT=0");
		assertThat(TreeDocumentJson.write(TreeFile.read(saved))).isEqualTo(TreeDocumentJson.write(tree));
	}

	private void assertTerminalGivenBack(ViewerCommand viewer) {
		assertThat(tmux.display("#{alternate_on}")).as("left the alternate screen").isEqualTo("0");
		assertThat(tmux.display("#{cursor_flag}")).as("cursor visible again").isEqualTo("1");
		assertThat(viewer.terminalSettings()).as("stty -a after the viewer")
			.containsPattern("(^|\\s)icanon(\\s|$)")
			.containsPattern("(^|\\s)echo(\\s|$)")
			.containsPattern("(^|\\s)isig(\\s|$)");
		assertThat(tmux.capture()).doesNotContain(" FUNCTION");
	}

	private static String firstLine(String screen) {
		return screen.lines().findFirst().orElse("");
	}

	/** The status line: the last line that is not blank (tmux may pad the screen). */
	private static String lastLine(String screen) {
		return screen.lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
	}

	/**
	 * The factorial tree with a count that grows with every event, so each screen
	 * differs.
	 */
	private static TreeDocument tree(int n) {
		return TestTrees
			.sampling(node("java.lang.Thread.run", 0,
					node("app.Controller.factorial", 5,
							node("java.math.BigInteger.multiply", 60,
									node("java.math.BigInteger.multiplyToLen", 100 + n)),
							node("app.Log.debug", 5)),
					node("java.lang.Object.wait", 10)), node("gc", 10));
	}

}
