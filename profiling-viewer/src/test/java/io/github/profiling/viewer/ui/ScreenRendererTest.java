package io.github.profiling.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import io.github.profiling.viewer.model.CallNode;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.TreeDocumentJson;
import io.github.profiling.viewer.source.ConnectionStatus;
import io.github.profiling.viewer.testing.FakeKeptRequests;
import io.github.profiling.viewer.testing.TestTrees;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScreenRendererTest {

	private static final int WIDTH = 120;

	private static final int HEIGHT = 14;

	private final ScreenRenderer renderer = new ScreenRenderer();

	private final ViewerController viewer = new ViewerController("http://127.0.0.1:8080/actuator/profiling", null,
			new FakeKeptRequests(), null, Runnable::run, Clock.systemUTC());

	@BeforeEach
	void fitTheRowsToTheScreen() {
		viewer.setBodyHeight(ScreenRenderer.bodyHeight(HEIGHT));
	}

	@Test
	void samplingTreesShowOwnAndDeepWithPercentages() {
		viewer.onStatus(ConnectionStatus.CONNECTED, null);
		viewer.onTree(TestTrees.factorial());

		List<String> screen = text();

		assertThat(screen.get(0)).startsWith(" Profiling  http://127.0.0.1:8080/actuator/profiling").endsWith("LIVE ");
		assertThat(screen.get(1)).contains("jdk cpu").contains("100 samples in 1s").contains("updated 0s ago");
		assertThat(screen.get(2).split(" +")).containsExactly("", "FUNCTION", "OWN", "%", "DEEP", "%");
		assertThat(line(screen, "java.math.BigInteger.multiply ").split(" +")).containsExactly("", "-",
				"java.math.BigInteger.multiply", "60", "60.0", "70", "70.0");
		assertThat(screen.get(HEIGHT - 1)).contains("q quit").contains("r requests");
		assertThat(screen).allMatch(line -> line.length() <= WIDTH);
		assertThat(screen).hasSize(HEIGHT);
	}

	@Test
	void tracingTreesShowCallsAndTimePerCall() {
		CallNode work = new CallNode("app.Work.run", 0, 0, 4, 2_000_000, 3_000_000, List.of());
		CallNode root = new CallNode("all", 0, 0, 1, 0, 3_000_000, List.of(work));
		viewer.onTree(new TreeDocument("tracer", "calls", "nanoseconds", null, null, 3_000_000, root, true));

		List<String> screen = text();

		assertThat(screen.get(2).split(" +")).containsExactly("", "FUNCTION", "CALLS", "OWN", "/CALL", "%", "DEEP",
				"/CALL", "%");
		assertThat(line(screen, "app.Work.run").split(" +")).containsExactly("", "app.Work.run", "4", "2.0ms",
				"500.0us", "66.7", "3.0ms", "750.0us", "100.0");
	}

	@Test
	void aComparisonShowsTheChangeOfEachShareInRedOrBlue() {
		viewer.onTree(TreeDocumentJson.parse("""
				{"sampler":"jdk","event":"cpu","unit":"samples","samples":140,
				 "base":{"from":"2026-11-30T09:00:00Z","to":"2026-11-30T09:01:00Z","samples":80},
				 "root":{"name":"all","own":0,"deep":140,"baseOwn":0,"baseDeep":80,"ownPercent":0,"deepPercent":100,
				   "baseOwnPercent":0,"baseDeepPercent":100,"children":[
				   {"name":"app.A.handle","own":80,"deep":80,"baseOwn":40,"baseDeep":40,"ownPercent":57.1429,
				    "deepPercent":57.1429,"baseOwnPercent":50,"baseDeepPercent":50,"children":[]},
				   {"name":"app.B.handle","own":60,"deep":60,"baseOwn":40,"baseDeep":40,"ownPercent":42.8571,
				    "deepPercent":42.8571,"baseOwnPercent":50,"baseDeepPercent":50,"children":[]}]}}"""));

		List<AttributedString> lines = renderer.render(viewer, WIDTH, HEIGHT);
		List<String> screen = lines.stream().map(AttributedString::toString).toList();

		assertThat(screen.get(2).split(" +")).containsExactly("", "FUNCTION", "OWN", "%", "DEEP", "%", "DELTA");
		assertThat(line(screen, "app.A.handle").split(" +")).containsExactly("", "app.A.handle", "80", "57.1", "80",
				"57.1", "+7.1");
		assertThat(line(screen, "app.B.handle").split(" +")).containsExactly("", "app.B.handle", "60", "42.9", "60",
				"42.9", "-7.1");
		assertThat(line(screen, "- all").split(" +")).containsExactly("", "-", "all", "0", "0.0", "140", "100.0",
				"0.0");
		AttributedString grown = lines.get(screen.indexOf(line(screen, "app.A.handle")));
		AttributedString shrunk = lines.get(screen.indexOf(line(screen, "app.B.handle")));
		// Red and blue, on the focused row too.
		assertThat(grown.styleAt(grown.toString().indexOf("+7.1"))).isIn(
				AttributedStyle.DEFAULT.foreground(AttributedStyle.RED),
				AttributedStyle.INVERSE.foreground(AttributedStyle.RED));
		assertThat(shrunk.styleAt(shrunk.toString().indexOf("-7.1"))).isIn(
				AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE),
				AttributedStyle.INVERSE.foreground(AttributedStyle.BLUE));
	}

	@Test
	void theSortColumnsTitleIsUnderlined() {
		viewer.onTree(TestTrees.factorial());

		AttributedString titles = renderer.render(viewer, WIDTH, HEIGHT).get(2);
		int deep = titles.toString().indexOf("DEEP");
		int own = titles.toString().indexOf("OWN");

		assertThat(titles.styleAt(deep)).isEqualTo(AttributedStyle.BOLD.underline());
		assertThat(titles.styleAt(own)).isEqualTo(AttributedStyle.BOLD);
	}

	@Test
	void theTitleBarSaysPausedInRedAndDisconnectedInYellow() {
		viewer.onTree(TestTrees.factorial());

		viewer.onStatus(ConnectionStatus.DISCONNECTED, "connection refused; retrying every 1s");
		AttributedString disconnected = renderer.render(viewer, WIDTH, HEIGHT).get(0);
		assertThat(disconnected.toString()).endsWith("DISCONNECTED ");
		assertThat(disconnected.styleAt(0).toAnsi()).contains("43"); // yellow background
		assertThat(text().get(HEIGHT - 1)).contains("connection refused; retrying every 1s");

		viewer.onStatus(ConnectionStatus.CONNECTED, null);
		viewer.onKey(Key.of(' '));
		AttributedString paused = renderer.render(viewer, WIDTH, HEIGHT).get(0);
		assertThat(paused.toString()).endsWith("PAUSED ");
		assertThat(paused.styleAt(0).toAnsi()).contains("41"); // red background
	}

	@Test
	void theRequestListShowsDurationStartSamplesTraceAndTagsSlowestFirst() {
		viewer.onTree(TestTrees.factorial());
		viewer.onKey(Key.of('r'));
		viewer.onKey(Key.DOWN);

		List<AttributedString> lines = renderer.render(viewer, WIDTH, HEIGHT);
		List<String> screen = lines.stream().map(AttributedString::toString).toList();

		assertThat(screen.get(3)).startsWith(" Slow requests of all the work, slowest first")
			.contains("the 10 slowest per route each minute");
		assertThat(screen.get(4).split(" +")).containsExactly("", "DURATION", "START", "SAMPLES", "TRACE", "TAGS");
		assertThat(screen.get(5).split(" +")).containsExactly("", "412.7ms", "18:00:12.345Z", "38",
				"4bf92f3577b34da6a3ce929d0e0e4736", "http.method:GET", "http.route:/{n}");
		assertThat(screen.get(6).split(" +")).containsExactly("", "230.1ms", "18:00:40.002Z", "21",
				"0af7651916cd43dd8448eb211c80319c", "http.method:GET", "http.route:/{n}");
		assertThat(screen.get(7).split(" +")).containsExactly("", "12.5ms", "18:00:03.500Z", "1", "-", "(incomplete)",
				"http.method:GET", "http.route:/health");
		assertThat(screen.get(6)).doesNotContain("incomplete");
		assertThat(screen.get(5).indexOf("http.method")).isEqualTo(screen.get(7).indexOf("(incomplete)"));
		assertThat(lines.get(6).styleAt(1)).isEqualTo(AttributedStyle.INVERSE);
		assertThat(lines.get(5).styleAt(1)).isEqualTo(AttributedStyle.DEFAULT);
		assertThat(screen.get(HEIGHT - 1)).startsWith(" arrows/jk choose  enter open its tree");
	}

	@Test
	void theRequestListScrollsToKeepTheSelectionOnScreen() {
		int height = 7; // room for the title, the column titles and one request
		viewer.setBodyHeight(ScreenRenderer.bodyHeight(height));
		viewer.onTree(TestTrees.factorial());
		viewer.onKey(Key.of('r'));
		viewer.onKey(Key.END);

		List<String> screen = renderer.render(viewer, WIDTH, height).stream().map(AttributedString::toString).toList();

		assertThat(screen.get(5)).contains("12.5ms");
		assertThat(String.join("\n", screen)).doesNotContain("412.7ms");
	}

	@Test
	void aRequestsTreeIsLabelledWithItsIdTagsAndDuration() {
		viewer.onStatus(ConnectionStatus.CONNECTED, null);
		viewer.onTree(TestTrees.factorial());
		viewer.onKey(Key.of('r'));
		viewer.onKey(Key.ENTER);

		List<AttributedString> lines = renderer.render(viewer, WIDTH, HEIGHT);
		List<String> screen = lines.stream().map(AttributedString::toString).toList();

		assertThat(screen.get(0)).startsWith(
				" Profiling  http://127.0.0.1:8080/actuator/profiling  request 1842  http.method:GET http.route:/{n}  412.7ms")
			.endsWith("REQUEST ");
		assertThat(lines.get(0).styleAt(0).toAnsi()).contains("45"); // magenta background
		assertThat(screen.get(1)).contains("jdk cpu | 38 samples in 413ms | started 18:00:12.345Z")
			.contains("trace 4bf92f3577b34da6a3ce929d0e0e4736")
			.doesNotContain("updated");
		assertThat(line(screen, "app.Repository.slowQuery").split(" +")).containsExactly("", "-",
				"app.Repository.slowQuery", "6", "15.8", "36", "94.7");
		assertThat(screen.get(HEIGHT - 1)).startsWith(" esc/r back to live");
	}

	@Test
	void percentagesAreColouredByHeat() {
		assertThat(TreeRowsPainter.heat(AttributedStyle.DEFAULT, 5)).isEqualTo(AttributedStyle.DEFAULT);
		assertThat(TreeRowsPainter.heat(AttributedStyle.DEFAULT, 20))
			.isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
		assertThat(TreeRowsPainter.heat(AttributedStyle.DEFAULT, 50))
			.isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
		assertThat(TreeRowsPainter.heat(AttributedStyle.DEFAULT, 80))
			.isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
		assertThat(TreeRowsPainter.heat(AttributedStyle.DEFAULT, 95))
			.isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold());
	}

	@Test
	void theFocusedRowIsInverted() {
		viewer.onTree(TestTrees.factorial());
		List<AttributedString> screen = renderer.render(viewer, WIDTH, HEIGHT);

		AttributedString focused = screen.stream()
			.filter(line -> line.toString().contains("multiplyToLen"))
			.findFirst()
			.orElseThrow();
		AttributedString other = screen.stream()
			.filter(line -> line.toString().contains("Object.wait"))
			.findFirst()
			.orElseThrow();

		assertThat(focused.styleAt(1)).isEqualTo(AttributedStyle.INVERSE);
		assertThat(other.styleAt(1)).isEqualTo(AttributedStyle.DEFAULT);
	}

	@Test
	void searchPromptAndFoldMarkersAreShown() {
		viewer.onTree(TestTrees.factorial());
		viewer.onKey(Key.of('/'));
		viewer.onKey(Key.of('g'));

		List<String> screen = text();

		assertThat(screen.get(HEIGHT - 1)).startsWith("/g_");
		assertThat(line(screen, "app.Log.debug")).contains("  app.Log.debug");
		assertThat(line(screen, "java.lang.Thread.run")).contains("- java.lang.Thread.run");
	}

	@Test
	void deepStacksAreShiftedLeftSoTheFocusedNameStaysReadable() {
		CallNode node = TestTrees.node("java.math.BigInteger.multiply", 10);
		for (int i = 0; i < 200; i++) {
			node = TestTrees.node("org.example.Frame" + i + ".call", 0, node);
		}
		viewer.onTree(TestTrees.sampling(node));

		String focusedLine = line(text(), "java.math.BigInteger.multiply");

		assertThat(focusedLine.indexOf("java.math.BigInteger.multiply")).isLessThan(WIDTH / 2);
	}

	@Test
	void beforeTheFirstTreeItSaysWhatItIsWaitingFor() {
		assertThat(text().get(0)).endsWith("CONNECTING ");
		assertThat(text().get(1)).contains("waiting for the first tree from http://127.0.0.1:8080/actuator/profiling");
	}

	private List<String> text() {
		return renderer.render(viewer, WIDTH, HEIGHT).stream().map(AttributedString::toString).toList();
	}

	private static String line(List<String> screen, String containing) {
		return screen.stream()
			.filter(line -> line.contains(containing))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + String.join("\n", screen)));
	}

}
