package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.LiveStreamLimitsTests.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code on-demand}, the sampler runs only while a live stream is open. */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.on-demand=true" })
class OnDemandProfilingTests {

	@LocalServerPort
	int port;

	@Test
	void samplesOnlyWhileAStreamIsOpen() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.getJson(client.profiling("")).get("running").asBoolean()).isFalse();
		assertThat(client.getJson(client.profiling("")).get("onDemand").asBoolean()).isTrue();
		assertThat(samplerThreads()).isZero();

		HttpRequest request = HttpRequest.newBuilder(URI.create(client.profiling("/live?interval=1s")))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<InputStream> stream = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(client.getJson(client.profiling("")).get("running").asBoolean()).isTrue();
		assertThat(samplerThreads()).isEqualTo(1);
		client.load("/2000", 1, 50);
		awaitTrue(() -> client.getJson(client.profiling("")).get("samples").asLong() > 0, Duration.ofSeconds(10));

		stream.body().close();
		awaitTrue(() -> !client.getJson(client.profiling("")).get("running").asBoolean(), Duration.ofSeconds(10));
		awaitTrue(() -> samplerThreads() == 0, Duration.ofSeconds(10));
		long samples = client.getJson(client.profiling("")).get("samples").asLong();
		client.load("/2000", 1, 20);
		assertThat(client.getJson(client.profiling("")).get("samples").asLong())
			.as("nothing is sampled once the last stream closed")
			.isEqualTo(samples);
	}

	private static long samplerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((t) -> t.getName().startsWith("profiling-sampler"))
			.count();
	}

}
