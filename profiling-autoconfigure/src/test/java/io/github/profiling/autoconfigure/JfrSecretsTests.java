package io.github.profiling.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /jfr} download of an application started with secrets on its command line, as
 * users pass them ({@code -Dapp.db.password=...}, {@code --spring.datasource.password=...}): it
 * holds no system property, environment variable or JVM argument event, and not the secrets'
 * bytes; unless {@code management.profiling.jfr.include-environment=true} asks for them.
 */
class JfrSecretsTests {

	private static final String SYSTEM_PROPERTY_SECRET = "sys-Secret-4711-pw";

	private static final String ARGUMENT_SECRET = "arg-Secret-0815-pw";

	private static final Set<String> ENVIRONMENT_EVENTS = Set.of("jdk.InitialSystemProperty",
			"jdk.InitialEnvironmentVariable", "jdk.JVMInformation");

	@ParameterizedTest
	@ValueSource(strings = { "jfr", "async" })
	void theDownloadHoldsNoEnvironmentAndNoSecret(String sampler) throws Exception {
		Download download = download(sampler, false);
		assertThat(download.events()).as("event types").doesNotContainAnyElementsOf(ENVIRONMENT_EVENTS);
		assertThat(download.events()).contains("jdk.ExecutionSample");
		assertThat(download.text()).doesNotContain(SYSTEM_PROPERTY_SECRET).doesNotContain(ARGUMENT_SECRET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jfr", "async" })
	void includeEnvironmentOptsInToTheFullRecording(String sampler) throws Exception {
		Download download = download(sampler, true);
		assertThat(download.events()).contains("jdk.InitialSystemProperty", "jdk.JVMInformation");
		assertThat(download.text()).contains(SYSTEM_PROPERTY_SECRET).contains(ARGUMENT_SECRET);
	}

	private static Download download(String sampler, boolean includeEnvironment) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.password=" + ARGUMENT_SECRET,
				"--management.endpoints.web.exposure.include=profiling",
				"--management.endpoint.profiling.access=unrestricted", "--management.profiling.mode=sampling",
				"--management.profiling.sampler=" + sampler, "--management.profiling.interval=10ms"));
		if (includeEnvironment) {
			arguments.add("--management.profiling.jfr.include-environment=true");
		}
		try (ChildApplication app = ChildApplication.start(List.of("-Dapp.db.password=" + SYSTEM_PROPERTY_SECRET),
				arguments)) {
			EndpointClient client = new EndpointClient(app.port());
			assertThat(client.getJson(client.profiling("")).get("sampler").asString()).as(app.output())
				.isEqualTo(sampler);
			client.load("/4000", 2, 40);
			// Chunks complete every half second (async) and JFR flushes every second (jfr).
			Thread.sleep(2500);
			HttpResponse<byte[]> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(client.profiling("/jfr"))).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
				.isEqualTo(200);
			Path file = Files.createTempFile("secrets", ".jfr");
			try {
				Files.write(file, response.body());
				Set<String> events = new TreeSet<>();
				for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
					events.add(event.getEventType().getName());
				}
				// Strings in JFR are UTF-8 or Latin-1: both spell these ASCII secrets alike.
				return new Download(events, new String(response.body(), StandardCharsets.ISO_8859_1));
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
	}

	private record Download(Set<String> events, String text) {
	}

}
