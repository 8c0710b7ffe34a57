package io.github.profiling.viewer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A detached tmux session on a private tmux server, for driving a terminal program the
 * way a person would: type keys, read the screen.
 */
public final class TmuxSession implements AutoCloseable {

	private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);

	private static final AtomicInteger SESSIONS = new AtomicInteger();

	private final String socket;

	private final String name;

	private String lastScreen = "";

	private TmuxSession(String socket, String name) {
		this.socket = socket;
		this.name = name;
	}

	/** Fails (never skips) when tmux cannot be run, saying what to install. */
	public static void requireTmux() {
		String failure;
		try {
			Process process = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
			if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				failure = "tmux -V did not answer";
			}
			else if (process.exitValue() == 0) {
				return;
			}
			else {
				failure = "tmux -V failed: "
						+ new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException e) {
			failure = e.getMessage();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure = "interrupted";
		}
		throw new AssertionError("This test drives the viewer in a real terminal and needs tmux on the PATH "
				+ "(Debian/Ubuntu: apt-get install tmux). " + failure);
	}

	/** Starts {@code shellCommand} in a new detached session of the given size. */
	public static TmuxSession start(String name, int width, int height, String shellCommand) {
		// a tmux server of its own per session: a server being killed cannot take a new
		// session down with it
		String socket = "profiling-viewer-it-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet();
		TmuxSession session = new TmuxSession(socket, name);
		session.tmux("new-session", "-d", "-s", name, "-x", Integer.toString(width), "-y", Integer.toString(height),
				shellCommand);
		return session;
	}

	/** The screen as text, one line per row. */
	public String capture() {
		lastScreen = tmux("capture-pane", "-p", "-t", name);
		return lastScreen;
	}

	/**
	 * Keys as tmux names them: {@code space}, {@code Escape}, {@code Enter}, or literal
	 * text.
	 */
	public void sendKeys(String... keys) {
		List<String> command = new ArrayList<>(List.of("send-keys", "-t", name));
		command.addAll(List.of(keys));
		tmux(command.toArray(String[]::new));
	}

	/** A tmux format about the pane, e.g. {@code #{alternate_on}}. */
	public String display(String format) {
		return tmux("display-message", "-p", "-t", name, format).strip();
	}

	/**
	 * Waits until the screen shows what {@code condition} wants; fails showing the last
	 * screen.
	 */
	public String awaitScreen(Duration limit, String what, Predicate<String> condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			String screen = capture();
			if (condition.test(screen)) {
				return screen;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + limit.toSeconds() + "s waiting for " + what
						+ "; the screen was:\n" + screen);
			}
			sleep(Duration.ofMillis(200));
		}
	}

	public String lastScreen() {
		return lastScreen;
	}

	@Override
	public void close() {
		try {
			tmux("kill-server");
		}
		catch (AssertionError alreadyGone) {
			// the session ended by itself
		}
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", e);
		}
	}

	private String tmux(String... arguments) {
		List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
		command.addAll(List.of(arguments));
		Path output = null;
		try {
			// output goes to a file, not a pipe: the tmux server that new-session forks
			// may hold a pipe open
			output = Files.createTempFile("tmux", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putIfAbsent("TERM", "xterm-256color");
			builder.environment().remove("TMUX");
			Process process = builder.start();
			if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("tmux did not answer: " + command);
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new AssertionError("tmux failed (" + process.exitValue() + "): " + command + "\n" + text);
			}
			return text;
		}
		catch (IOException e) {
			throw new AssertionError("cannot run tmux: " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted running tmux", e);
		}
		finally {
			deleteQuietly(output);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a leftover temporary file is harmless
			}
		}
	}

}
