package io.github.profiling.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the browser tests ({@code browser-tests/}, Node and headless Chromium) against
 * this sample app: the viewer page under load, the flame graph page, and the exports read
 * back by outside decoders. Needs Node 20+ and Chromium ({@code /usr/bin/chromium}, or
 * {@code CHROMIUM_PATH}); {@code .ci/run} installs both. Missing tools fail the test.
 */
class BrowserTestsIT {

	private static final Path BROWSER_TESTS = Path.of(System.getProperty("browser-tests.dir", "../browser-tests"))
		.toAbsolutePath()
		.normalize();

	private static ConfigurableApplicationContext app;

	private static int port;

	@BeforeAll
	static void startApp() {
		app = SpringApplication.run(FacwebApplication.class, "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off");
		port = ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@AfterAll
	static void stopApp() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void browserAndExportTestsPass() throws Exception {
		assertThat(BROWSER_TESTS.resolve("package.json")).as("the browser tests' folder").exists();
		String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
		assertThat(new File(chromium)).as("Chromium, e.g. apt-get install chromium").exists();
		if (!installedAsLocked()) {
			run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5);
		}
		String base = "http://127.0.0.1:" + port;
		// Against the page files themselves (a fake endpoint in Node), then against this
		// app.
		// The Chromium checked above is the one the tests launch (lib/browser.js reads
		// CHROMIUM_PATH).
		run(List.of("npm", "run", "--silent", "test:fake"), Map.of("CHROMIUM_PATH", chromium), 10);
		run(List.of("npm", "run", "--silent", "test:app"),
				Map.of("CHROMIUM_PATH", chromium, "APP_URL", base, "PROFILING_BASE_URL", base + "/actuator/profiling"),
				10);
	}

	/**
	 * Whether node_modules was installed after package-lock.json last changed (npm keeps
	 * a copy of the lock there).
	 */
	private static boolean installedAsLocked() throws IOException {
		Path installed = BROWSER_TESTS.resolve("node_modules/.package-lock.json");
		return Files.exists(installed) && Files.getLastModifiedTime(installed)
			.compareTo(Files.getLastModifiedTime(BROWSER_TESTS.resolve("package-lock.json"))) >= 0;
	}

	private static void run(List<String> command, Map<String, String> environment, int timeoutMinutes)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("browser-tests", ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_TESTS.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process;
			try {
				process = builder.start();
			}
			catch (IOException ex) {
				throw new AssertionError(
						"cannot run " + command + " (Node 20+ and npm are needed): " + ex.getMessage());
			}
			boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
			if (!finished) {
				process.destroyForcibly();
			}
			String output = Files.readString(log, StandardCharsets.UTF_8);
			System.out.println(output);
			assertThat(finished).as(command + " finished within " + timeoutMinutes + " min").isTrue();
			assertThat(process.exitValue()).as(command + " exit status; output:\n" + output).isZero();
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

}
