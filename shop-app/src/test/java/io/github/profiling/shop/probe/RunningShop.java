package io.github.profiling.shop.probe;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.profiling.shop.ShopApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop running on a random port of 127.0.0.1: in this JVM (to measure its heap), or
 * in a JVM of its own, the same java, so that the load driver's threads stay out of its
 * profile.
 */
public abstract sealed class RunningShop implements AutoCloseable {

	private final int port;

	RunningShop(int port) {
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	public ProfilingClient profiling() {
		return new ProfilingClient(this.port);
	}

	/** The shop in this JVM with {@code properties} ({@code key=value}) over its own. */
	public static RunningShop inProcess(String... properties) {
		return inProcess(List.of(), properties);
	}

	/**
	 * The shop in this JVM with {@code beans} added to its context (a test's filter, say)
	 * and {@code properties} ({@code key=value}) over its own.
	 */
	public static RunningShop inProcess(List<Object> beans, String... properties) {
		List<String> arguments = new ArrayList<>();
		// As command-line arguments, so that they win over the shop's
		// application.properties.
		for (String property : properties) {
			arguments.add("--" + property);
		}
		arguments.add("--server.port=0");
		arguments.add("--server.address=127.0.0.1");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
			.initializers((ConfigurableApplicationContext added) -> beans
				.forEach((bean) -> added.getBeanFactory().registerSingleton(bean.getClass().getName(), bean)))
			.run(arguments.toArray(String[]::new));
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		return new InProcess(port, context);
	}

	/**
	 * The shop in a new JVM of the same java and class path with {@code properties}
	 * ({@code key=value}) as command-line arguments. Call {@link #awaitReady()} before
	 * use.
	 */
	public static RunningShop forked(String name, String... properties) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String java = ProcessHandle.current().info().command().orElseThrow();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(java, "-XX:+EnableDynamicAgentLoading", "-Xmx512m", "-cp",
				classPath, ShopApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1"));
		for (String property : properties) {
			command.add("--" + property);
		}
		Path log = Path.of("target", "shop-" + name + ".log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new Forked(port, process, log);
	}

	/** A bean of the shop's context; only for the shop in this JVM. */
	public <T> T bean(Class<T> type) {
		throw new UnsupportedOperationException("the shop runs in a JVM of its own");
	}

	/** Waits until the shop answers its health check, at most five minutes. */
	public RunningShop awaitReady() throws InterruptedException {
		return this;
	}

	private static final class InProcess extends RunningShop {

		private final ConfigurableApplicationContext context;

		InProcess(int port, ConfigurableApplicationContext context) {
			super(port);
			this.context = context;
		}

		@Override
		public <T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	private static final class Forked extends RunningShop {

		private final Process process;

		private final Path log;

		Forked(int port, Process process, Path log) {
			super(port);
			this.process = process;
			this.log = log;
		}

		@Override
		public RunningShop awaitReady() throws InterruptedException {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			URI health = URI.create("http://127.0.0.1:" + port() + "/actuator/health");
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new AssertionError("the shop exited with " + this.process.exitValue() + ": " + tail());
				}
				try {
					HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).GET().build(),
							HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						return this;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(250);
			}
			throw new AssertionError("the shop was not ready within five minutes: " + tail());
		}

		private String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log);
				return this.log + ":\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
			}
			catch (IOException ex) {
				return this.log + " unreadable: " + ex;
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}

	}

}
