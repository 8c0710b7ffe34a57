package io.github.profiling.viewer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged viewer jar run in a shell inside tmux. After the viewer ends, the shell
 * records its exit status and the terminal's settings, so a test can check that the
 * terminal was given back.
 */
public final class ViewerCommand {

	private final Path exitFile;

	private final Path sttyFile;

	private final List<String> arguments;

	public ViewerCommand(Path directory, String... arguments) {
		this.exitFile = directory.resolve("viewer.exit");
		this.sttyFile = directory.resolve("viewer.stty");
		this.arguments = List.of(arguments);
	}

	/**
	 * The jar that {@code mvn package} built, as the build passes it in
	 * {@code viewer.jar}.
	 */
	public static Path jar() {
		String jar = System.getProperty("viewer.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new AssertionError("the viewer jar is missing (" + jar + "): run the ITs with mvn verify");
		}
		return Path.of(jar);
	}

	/**
	 * The shell command for tmux: the viewer, then the record of how it ended, then a
	 * pause.
	 */
	public String shellCommand() {
		List<String> words = new ArrayList<>();
		words.add(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		words.add("-jar");
		words.add(quote(jar().toString()));
		arguments.forEach(argument -> words.add(quote(argument)));
		return String.join(" ", words) + "; echo EXIT=$? > " + quote(exitFile.toString()) + "; stty -a > "
				+ quote(sttyFile.toString()) + "; sleep 120";
	}

	/**
	 * Waits for the viewer to end and returns what the shell recorded: {@code EXIT=n}.
	 */
	public String awaitExit(Duration limit) {
		Eventually.await(limit, "the viewer to exit", () -> Files.exists(sttyFile));
		return read(exitFile).strip();
	}

	/** The terminal settings after the viewer ended, as {@code stty -a} prints them. */
	public String terminalSettings() {
		return read(sttyFile);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new AssertionError("cannot read " + file, e);
		}
	}

	private static String quote(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
