package io.github.profiling.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path directory;

	@Test
	void helpPrintsUsageAndKeys() {
		int status = run("--help");

		assertThat(status).isZero();
		assertThat(text(out)).contains("Usage: java -jar profiling-viewer.jar [options] URL")
			.contains("--tag KEY:VALUE")
			.contains("--seconds N")
			.contains("--interval D")
			.contains("--user U")
			.contains("--password P")
			.contains("--token T")
			.contains("--save FILE")
			.contains("q, ctrl-c");
		assertThat(text(err)).isEmpty();
	}

	@Test
	void badArgumentsExitWithStatusTwoAndSayWhy() {
		int status = run("--seconds", "-3", "http://127.0.0.1:1/actuator/profiling");

		assertThat(status).isEqualTo(2);
		assertThat(text(err)).startsWith("profiling-viewer: --seconds takes a whole number").contains("--help");
		assertThat(text(out)).isEmpty();
	}

	@Test
	void aFileThatIsNotATreeExitsWithStatusOne() throws IOException {
		Path file = Files.writeString(directory.resolve("notes.json"), "[1, 2, 3]");

		int status = run(file.toString());

		assertThat(status).isEqualTo(1);
		assertThat(text(err)).contains("cannot read " + file).contains("a tree is a JSON object");
	}

	private int run(String... args) {
		return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
