package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.endpoint.LiveStreams;
import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live streams are limited, released when their client goes away, and ended on shutdown.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.live.max-streams=2" })
class LiveStreamLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	LiveStreams liveStreams;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void oneStreamOverTheLimitGets429AndAClosedStreamIsReleased() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<InputStream> first = openStream(client);
		HttpResponse<InputStream> second = openStream(client);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(client.getJson(client.profiling("")).get("liveStreams").asInt()).isEqualTo(2);

		HttpResponse<String> third = client.get(client.profiling("/live"));
		assertThat(third.statusCode()).isEqualTo(429);
		JsonNode error = EndpointClient.parse(third.body());
		assertThat(error.get("error").asString()).contains("max-streams");

		// The client goes away: the stream is noticed gone at its next send, within two
		// intervals.
		first.body().close();
		awaitTrue(() -> this.liveStreams.count() == 1, Duration.ofSeconds(10));
		HttpResponse<InputStream> again = openStream(client);
		assertThat(again.statusCode()).isEqualTo(200);

		second.body().close();
		again.body().close();
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));
		// With no stream open, the scheduler and sending threads are gone too.
		awaitTrue(() -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((t) -> t.getName().startsWith("profiling-live")), Duration.ofSeconds(10));
	}

	@Test
	void headOfTheLiveViewHoldsNoStream() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> head = client.head(client.profiling("/live?interval=1s"));
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		}
		assertThat(this.liveStreams.count()).isZero();
		HttpResponse<InputStream> stream = openStream(client);
		assertThat(stream.statusCode()).isEqualTo(200);
		stream.body().close();
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));
	}

	@Test
	void closingTheStreamsEndsEveryStreamAndItsThread() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<InputStream> stream = openStream(client);
		assertThat(stream.statusCode()).isEqualTo(200);
		this.liveStreams.close();
		assertThat(this.liveStreams.count()).isZero();
		// The server completed the response: the client reads to the end.
		stream.body().readAllBytes();
		awaitTrue(() -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((t) -> t.getName().startsWith("profiling-live")), Duration.ofSeconds(10));
	}

	@Test
	void aStreamOfALongIntervalIsReleasedSoonAfterItsClientLeaves() throws Exception {
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(15));
		// One event a minute: the stream must not wait for its next event to notice its
		// client gone.
		try (Socket socket = openRawStream("/live?interval=60s")) {
			awaitTrue(() -> this.liveStreams.count() == 1, Duration.ofSeconds(10));
			// Past the first event and the one at the next second's end: the next is a
			// minute away.
			Thread.sleep(3_000);
		}
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(15));
	}

	@Test
	void streamsWhoseClientsLeaveAtOnceLeaveTheServerClean(CapturedOutput output) throws Exception {
		for (int i = 0; i < 30; i++) {
			awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(15));
			try (Socket socket = openRawStream("/live?interval=1s")) {
				// Gone right after the response's headers.
			}
		}
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(15));
		// Let the server finish every request that the streams' ends completed.
		Thread.sleep(2_000);
		assertThat(output.getAll()).doesNotContain("non-recycled");
	}

	/**
	 * Opens a live stream on a plain socket and reads up to the end of its response
	 * headers.
	 */
	private Socket openRawStream(String path) throws Exception {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /actuator/profiling" + path + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Accept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int read = in.read();
			if (read < 0) {
				throw new AssertionError("the stream ended before its headers: " + head);
			}
			head.append((char) read);
		}
		assertThat(head.toString()).startsWith("HTTP/1.1 200");
		return socket;
	}

	private HttpResponse<InputStream> openStream(EndpointClient client) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(client.profiling("/live?interval=1s")))
			.header("Accept", "text/event-stream")
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + timeout);
			}
			Thread.sleep(100);
		}
	}

}
