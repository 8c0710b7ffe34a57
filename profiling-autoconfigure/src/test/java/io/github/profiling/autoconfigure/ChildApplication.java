package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplicationMain;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test application in a JVM of its own, with the JVM options, arguments and
 * environment variables a test gives: what a user's command line holds, as the JVM itself
 * records it. Bound to 127.0.0.1 on a free port; stopped (and waited for) by
 * {@link #close()}.
 */
final class ChildApplication implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final int port;

	private final StringBuffer output = new StringBuffer();

	private ChildApplication(List<String> jvmOptions, List<String> arguments, Map<String, String> environment)
			throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(TestApplicationMain.class.getName());
		command.add("--server.port=0");
		command.add("--server.address=127.0.0.1");
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		this.process = builder.start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.append(line).append('\n');
					Matcher started = STARTED.matcher(line);
					if (started.find()) {
						port.complete(Integer.parseInt(started.group(1)));
					}
				}
			}
			catch (java.io.IOException ex) {
				// The process ended.
			}
			port.completeExceptionally(new IllegalStateException("the application did not start:\n" + this.output));
		}, "child-application-output");
		reader.setDaemon(true);
		reader.start();
		try {
			this.port = port.get(90, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			this.process.destroyForcibly();
			throw new IllegalStateException("the application did not start:\n" + this.output, ex);
		}
	}

	static ChildApplication start(List<String> jvmOptions, List<String> arguments, Map<String, String> environment)
			throws Exception {
		return new ChildApplication(jvmOptions, arguments, environment);
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	String output() {
		return this.output.toString();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
