package io.github.profiling.shop;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.profiling.shop.probe.RunningShop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the browser test of the viewer on this shop
 * ({@code browser-tests/test/shop-app.test.js}, Node and headless Chromium): the route
 * picker with the shop's routes, the focus on the application's code, no
 * {@code [truncated]} row, and a kept slow request's own tree opened from the slow list.
 * Needs Node 20+ and Chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM_PATH});
 * {@code .ci/run} installs both. Missing tools fail the test.
 */
class ViewerBrowserIT {

	private static final Path BROWSER_TESTS = Path.of(System.getProperty("browser-tests.dir", "../browser-tests"))
		.toAbsolutePath()
		.normalize();

	@Test
	void theViewerShowsTheShopsRoutesAndItsOwnCode() throws Exception {
		assertThat(BROWSER_TESTS.resolve("test/shop-app.test.js")).as("the browser test of the shop").exists();
		String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
		assertThat(new File(chromium)).as("Chromium, e.g. apt-get install chromium").exists();
		if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules"))) {
			run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5);
		}
		try (RunningShop shop = RunningShop.inProcess("management.profiling.mode=sampling")) {
			String base = "http://127.0.0.1:" + shop.port();
			run(List.of("node", "--test", "test/shop-app.test.js"), Map.of("CHROMIUM_PATH", chromium, "APP_URL", base,
					"PROFILING_BASE_URL", base + "/actuator/profiling"), 5);
		}
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
