package io.github.profiling.viewer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.profiling.sample.FacwebApplication;
import io.github.profiling.viewer.testing.Eventually;
import io.github.profiling.viewer.testing.TmuxSession;
import io.github.profiling.viewer.testing.ViewerCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo end to end: the sample app computes factorials under load, and the packaged
 * viewer, attached to its live endpoint in a real terminal (tmux), shows where the time
 * goes, and the slowest requests the server kept.
 */
class SampleAppViewerIT {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration STEP = Duration.ofSeconds(20);

	/** The load stops by itself after this long, whatever happens to the test. */
	private static final Duration LONGEST_LOAD = Duration.ofMinutes(3);

	@TempDir
	Path directory;

	private ConfigurableApplicationContext app;

	private Load load;

	private TmuxSession tmux;

	@BeforeAll
	static void needsTmux() {
		TmuxSession.requireTmux();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (tmux != null) {
			tmux.close();
		}
		if (load != null) {
			load.stop();
		}
		if (app != null) {
			app.close();
		}
	}

	/** A row of the tree: a frame with its OWN, %, DEEP and % columns. */
	private static boolean isTreeRow(String line) {
		return line.matches(".*\\S\\s+\\d+\\s+\\d+\\.\\d\\s+\\d+\\s+\\d+\\.\\d\\s*");
	}

	@Test
	void watchesTheFactorialWorkLivePausesAndQuits() throws Exception {
		app = new SpringApplicationBuilder(FacwebApplication.class).run("--server.port=0", "--server.address=127.0.0.1",
				"--management.endpoints.web.exposure.include=profiling", "--management.profiling.mode=sampling",
				"--spring.main.banner-mode=off");
		String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
		load = new Load(URI.create(base + "/3000"));
		load.start();
		// let the factorials dominate the profile before the viewer opens its hottest
		// path
		Eventually.await(STEP, "the first hundred factorials", () -> load.requests() >= 100);

		ViewerCommand viewer = new ViewerCommand(directory, base + "/actuator/profiling");
		tmux = TmuxSession.start("sample-app", 160, 50, viewer.shellCommand());

		String screen = tmux.awaitScreen(STARTUP, "a java.math.BigInteger frame",
				text -> text.contains("java.math.BigInteger"));
		assertThat(firstLine(screen)).contains(base + "/actuator/profiling").contains("LIVE");
		assertThat(screen.lines().skip(2).findFirst().orElseThrow()).contains("FUNCTION")
			.contains("OWN")
			.contains("DEEP")
			.contains("%");

		tmux.sendKeys("space");
		String paused = tmux.awaitScreen(STEP, "PAUSED", text -> firstLine(text).contains("PAUSED"));
		int requestsAtPause = load.requests();
		TmuxSession.sleep(Duration.ofMillis(2500));
		assertThat(tmux.capture()).as("the screen while paused").isEqualTo(paused);
		assertThat(load.requests()).as("the load goes on meanwhile").isGreaterThan(requestsAtPause);

		tmux.sendKeys("space");
		tmux.awaitScreen(STEP, "new data after resuming",
				text -> !text.equals(paused) && !firstLine(text).contains("PAUSED"));

		tmux.sendKeys("t");
		tmux.awaitScreen(STEP, "the route tag in the tag list", text -> text.contains("http.route:/{n}"));
		tmux.sendKeys("Escape");
		// The tree view again: its header and root row. Which frames show depends on the
		// fold
		// state the keys left and on what the last second held (the JIT compiler, at
		// times).
		tmux.awaitScreen(STEP, "the tree again", text -> !text.contains("http.route:/{n}")
				&& text.lines().skip(3).filter(SampleAppViewerIT::isTreeRow).count() >= 3);

		// the slowest requests the server kept of the load, and one's own tree
		tmux.sendKeys("r");
		String requests = tmux.awaitScreen(STEP, "the kept factorial requests",
				text -> text.contains("Slow requests of all the work, slowest first")
						&& text.contains("http.route:/{n}"));
		List<Long> durations = requestDurations(requests);
		assertThat(durations).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
		tmux.sendKeys("Enter");
		String request = tmux.awaitScreen(STEP, "the slowest request's own tree",
				text -> firstLine(text).contains("REQUEST") && firstLine(text).contains(" request "));
		assertThat(request.lines().skip(1).findFirst().orElseThrow()).contains("started ");
		tmux.sendKeys("Escape");
		tmux.awaitScreen(STEP, "the live view again", text -> firstLine(text).contains("LIVE"));

		tmux.sendKeys("q");
		assertThat(viewer.awaitExit(STEP)).isEqualTo("EXIT=0");
		assertThat(tmux.display("#{alternate_on}")).as("left the alternate screen").isEqualTo("0");
		assertThat(tmux.display("#{cursor_flag}")).as("cursor visible again").isEqualTo("1");
		assertThat(viewer.terminalSettings()).as("stty -a after the viewer")
			.containsPattern("(^|\\s)icanon(\\s|$)")
			.containsPattern("(^|\\s)echo(\\s|$)");
		assertThat(tmux.capture()).doesNotContain("FUNCTION");
	}

	/** The DURATION column of the slow-request list, in nanoseconds, top to bottom. */
	private static List<Long> requestDurations(String screen) {
		Matcher row = Pattern.compile("(?m)^ +(\\d+(?:\\.\\d+)?)(ns|us|ms|s) +\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ")
			.matcher(screen);
		List<Long> durations = new ArrayList<>();
		while (row.find()) {
			double value = Double.parseDouble(row.group(1));
			double unit = switch (row.group(2)) {
				case "ns" -> 1;
				case "us" -> 1e3;
				case "ms" -> 1e6;
				default -> 1e9;
			};
			durations.add(Math.round(value * unit));
		}
		return durations;
	}

	private static String firstLine(String screen) {
		return screen.lines().findFirst().orElse("");
	}

	/**
	 * Requests n! one after another on two threads (one per core of a small machine),
	 * until stopped or for at most {@link #LONGEST_LOAD}.
	 */
	private static final class Load {

		private final URI uri;

		private final HttpClient client = HttpClient.newHttpClient();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger requests = new AtomicInteger();

		private final List<Thread> threads = new ArrayList<>();

		Load(URI uri) {
			this.uri = uri;
			for (int i = 1; i <= 2; i++) {
				Thread thread = new Thread(this::run, "factorial-load-" + i);
				thread.setDaemon(true);
				threads.add(thread);
			}
		}

		void start() {
			threads.forEach(Thread::start);
		}

		int requests() {
			return requests.get();
		}

		void stop() throws InterruptedException {
			running.set(false);
			for (Thread thread : threads) {
				thread.join(Duration.ofSeconds(10).toMillis());
			}
		}

		private void run() {
			long deadline = System.nanoTime() + LONGEST_LOAD.toNanos();
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
			while (running.get() && System.nanoTime() < deadline) {
				try {
					if (client.send(request, BodyHandlers.discarding()).statusCode() == 200) {
						requests.incrementAndGet();
					}
				}
				catch (java.io.IOException e) {
					TmuxSession.sleep(Duration.ofMillis(100));
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

	}

}
