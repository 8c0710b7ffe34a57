package io.github.profiling.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /jfr} download of an application started with secrets on its command line,
 * as users pass them ({@code -Dapp.db.password=...},
 * {@code --spring.datasource.password=...}, an environment variable): it holds no system
 * property, environment variable or JVM argument event, and not the secrets' bytes;
 * unless {@code management.profiling.jfr.include-environment=true} asks for them.
 */
class JfrSecretsTests {

	private static final String SYSTEM_PROPERTY_SECRET = "sys-Secret-4711-pw";

	private static final String ARGUMENT_SECRET = "arg-Secret-0815-pw";

	private static final String ENVIRONMENT_SECRET = "env-Secret-2342-pw";

	private static final Set<String> ENVIRONMENT_EVENTS = Set.of("jdk.InitialSystemProperty",
			"jdk.InitialEnvironmentVariable", "jdk.JVMInformation");

	@Test
	void theDownloadsHoldNoEnvironmentAndNoSecret() throws Exception {
		Map<String, Download> downloads = downloads(false);
		downloads.forEach((sampler, download) -> {
			assertThat(download.events()).as(sampler).doesNotContainAnyElementsOf(ENVIRONMENT_EVENTS);
			assertThat(download.events()).as(sampler).contains("jdk.ExecutionSample");
			assertThat(download.text()).as(sampler)
				.doesNotContain(SYSTEM_PROPERTY_SECRET)
				.doesNotContain(ARGUMENT_SECRET)
				.doesNotContain(ENVIRONMENT_SECRET);
		});
	}

	@Test
	void includeEnvironmentOptsInToTheFullRecordings() throws Exception {
		Map<String, Download> downloads = downloads(true);
		downloads.forEach((sampler, download) -> {
			assertThat(download.events()).as(sampler).contains("jdk.InitialSystemProperty", "jdk.JVMInformation");
			assertThat(download.text()).as(sampler).contains(SYSTEM_PROPERTY_SECRET).contains(ARGUMENT_SECRET);
		});
		// async-profiler records no environment variables at all; JFR does when asked.
		assertThat(downloads.get("jfr").events()).contains("jdk.InitialEnvironmentVariable");
		assertThat(downloads.get("jfr").text()).contains(ENVIRONMENT_SECRET);
	}

	/** The download of each of the jfr and async samplers, from one application. */
	private static Map<String, Download> downloads(boolean includeEnvironment) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.password=" + ARGUMENT_SECRET,
				"--management.endpoints.web.exposure.include=profiling",
				"--management.endpoint.profiling.access=unrestricted", "--management.profiling.mode=sampling",
				"--management.profiling.sampler=jdk", "--management.profiling.interval=10ms"));
		if (includeEnvironment) {
			arguments.add("--management.profiling.jfr.include-environment=true");
		}
		Map<String, Download> downloads = new LinkedHashMap<>();
		try (ChildApplication app = ChildApplication.start(List.of("-Dapp.db.password=" + SYSTEM_PROPERTY_SECRET),
				arguments, Map.of("APP_API_TOKEN", ENVIRONMENT_SECRET))) {
			EndpointClient client = new EndpointClient(app.port());
			for (String sampler : List.of("jfr", "async")) {
				HttpResponse<String> switched = client.post(client.profiling(""), "{\"sampler\":\"" + sampler + "\"}");
				assertThat(switched.statusCode()).as(switched.body() + app.output()).isEqualTo(200);
				assertThat(EndpointClient.parse(switched.body()).get("sampler").asString()).isEqualTo(sampler);
				client.load("/4000", 2, 40);
				// Chunks complete every half second (async) and JFR flushes every second
				// (jfr).
				Thread.sleep(2500);
				downloads.put(sampler, download(client));
			}
		}
		return downloads;
	}

	private static Download download(EndpointClient client) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(client.profiling("/jfr"))).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
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

	private record Download(Set<String> events, String text) {
	}

}
