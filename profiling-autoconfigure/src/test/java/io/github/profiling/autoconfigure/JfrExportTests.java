package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /jfr} hands out the raw recording of the samplers that keep one, readable by the
 * JDK's own JFR parser (as JDK Mission Control reads it); the jdk sampler answers 404
 * with a reason.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class JfrExportTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "jfr", "async" })
	void samplersThatRecordJfrHandItOut(String sampler) throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<String> switched = client.post(client.profiling(""),
				"{\"sampler\":\"" + sampler + "\",\"event\":\"cpu\",\"interval\":\"10ms\"}");
		assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
		assertThat(EndpointClient.parse(switched.body()).get("sampler").asString()).isEqualTo(sampler);
		client.load("/4000", 2, 60);
		// Chunks complete every half second (async) and JFR flushes every second (jfr).
		Thread.sleep(2500);

		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(client.profiling("/jfr"))).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("attachment").endsWith(".jfr\""));
		Path file = Files.createTempFile("export", ".jfr");
		try {
			Files.write(file, response.body());
			Map<String, Integer> events = new HashMap<>();
			boolean bigInteger = false;
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				events.merge(event.getEventType().getName(), 1, Integer::sum);
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
					bigInteger |= event.getStackTrace()
						.getFrames()
						.stream()
						.anyMatch((frame) -> frame.getMethod().getType().getName().equals("java.math.BigInteger"));
				}
			}
			assertThat(events.getOrDefault("jdk.ExecutionSample", 0)).as(events.toString()).isPositive();
			assertThat(bigInteger).as("BigInteger work in the recorded stacks").isTrue();
		}
		finally {
			Files.deleteIfExists(file);
			client.post(client.profiling(""), "{\"sampler\":\"jdk\"}");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk" })
	void theJdkSamplerHasNoJfr(String sampler) {
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.post(client.profiling(""), "{\"sampler\":\"" + sampler + "\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> response = client.get(client.profiling("/jfr"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(EndpointClient.parse(response.body()).get("error").asString()).contains("records no JFR");
	}

}
