package io.github.profiling.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.source.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentParserTest {

	private static final String URL = "http://127.0.0.1:8080/actuator/profiling";

	@TempDir
	Path directory;

	@Test
	void readsAUrlWithEveryOption() throws UsageException {
		ViewerOptions options = ArgumentParser.parse("--tag", "http.route:/{n}", "--tag=http.method:GET", "--seconds",
				"10", "--interval", "500ms", "--user", "ops", "--password=s3cret", "--save", "last.json", "--focus",
				"app", URL);

		assertThat(options.live()).isTrue();
		assertThat(options.url()).isEqualTo(URL);
		assertThat(options.tags()).containsExactly(new Tag("http.route", "/{n}"), new Tag("http.method", "GET"));
		assertThat(options.seconds()).isEqualTo(10);
		assertThat(options.interval()).isEqualTo("500ms");
		assertThat(options.credentials()).isEqualTo(new Credentials.Basic("ops", "s3cret"));
		assertThat(options.save()).isEqualTo(Path.of("last.json"));
		assertThat(options.focus()).isEqualTo("app");
		assertThat(options.help()).isFalse();
	}

	@Test
	void readsATokenAndDefaultsTheRest() throws UsageException {
		ViewerOptions options = ArgumentParser.parse(URL, "--token", "abc");

		assertThat(options.credentials()).isEqualTo(new Credentials.Bearer("abc"));
		assertThat(options.tags()).isEmpty();
		assertThat(options.seconds()).isNull();
		assertThat(options.interval()).isNull();
		assertThat(options.save()).isNull();
		assertThat(options.focus()).isNull();
	}

	@Test
	void readsAFile() throws IOException, UsageException {
		Path file = Files.writeString(directory.resolve("tree.json"), "{}");

		ViewerOptions options = ArgumentParser.parse(file.toString());

		assertThat(options.live()).isFalse();
		assertThat(options.file()).isEqualTo(file);
	}

	@Test
	void helpWinsOverEverythingElse() throws UsageException {
		assertThat(ArgumentParser.parse("--bogus", "--help").help()).isTrue();
		assertThat(ArgumentParser.parse("-h").help()).isTrue();
		assertThat(ArgumentParser.parse(URL, "--help").help()).isTrue();
	}

	@Test
	void explainsWhatIsWrong() throws IOException {
		Path file = Files.writeString(directory.resolve("tree.json"), "{}");

		assertRejected("give the profiling endpoint's URL");
		assertRejected("unknown option --bogus", "--bogus", URL);
		assertRejected("--tag needs a value", URL, "--tag");
		assertRejected("--tag: a tag is key:value", URL, "--tag", "route");
		assertRejected("--seconds takes a whole number", URL, "--seconds", "0");
		assertRejected("--seconds takes a whole number", URL, "--seconds", "ten");
		assertRejected("--interval: an interval is a number and a unit", URL, "--interval", "1h");
		assertRejected("--user and --password go together", URL, "--user", "ops");
		assertRejected("either --token or --user", URL, "--token", "t", "--user", "u", "--password", "p");
		assertRejected("one URL or file only", URL, URL);
		assertRejected("no such file: missing.json", "missing.json");
		assertRejected("apply to a live URL", file.toString(), "--tag", "a:b");
		assertRejected("without a query", URL + "/live?seconds=1");
		assertRejected("no host", "http:///actuator/profiling");
	}

	private static void assertRejected(String message, String... args) {
		assertThatThrownBy(() -> ArgumentParser.parse(args)).isInstanceOf(UsageException.class)
			.hasMessageContaining(message);
	}

}
