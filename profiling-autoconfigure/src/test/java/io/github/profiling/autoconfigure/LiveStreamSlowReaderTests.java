package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading costs only itself: while its writes block for 30 s, the
 * other streams' events keep their interval, and the events it could not take are
 * counted.
 */
@DirtiesContext
@SpringBootTest(classes = { TestApplication.class, LiveStreamSlowReaderTests.SmallSocketBuffers.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.live.max-streams=4" })
class LiveStreamSlowReaderTests {

	private static final long WATCH_NANOS = TimeUnit.SECONDS.toNanos(30);

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aClientThatDoesNotReadDelaysNoOtherStream() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.load("/500", 4, 200);
		ExecutorService readers = Executors.newFixedThreadPool(2);
		try (Socket slow = new Socket()) {
			// A 4 KB receive buffer that is never read: the server's writes to it soon
			// block.
			slow.setReceiveBufferSize(4096);
			slow.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			OutputStream out = slow.getOutputStream();
			out.write(("GET /actuator/profiling/live?interval=1s&seconds=300 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(2000);

			List<HttpResponse<InputStream>> fast = new ArrayList<>();
			List<Future<List<Long>>> arrivals = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				HttpResponse<InputStream> stream = openStream(client);
				assertThat(stream.statusCode()).isEqualTo(200);
				fast.add(stream);
				arrivals.add(readers.submit(() -> eventTimes(stream.body())));
			}
			// Load goes on, so that each tree the slow client is owed grows.
			long end = System.nanoTime() + WATCH_NANOS;
			while (System.nanoTime() < end) {
				client.load("/300", 2, 20);
				Thread.sleep(200);
			}
			fast.forEach((stream) -> closeQuietly(stream.body()));
			for (Future<List<Long>> times : arrivals) {
				assertIntervalKept(times.get(10, TimeUnit.SECONDS));
			}
			// The slow client's writes did block: events it could not take were skipped.
			assertThat(client.getJson(client.profiling("")).get("liveEventsSkipped").asLong()).isPositive();
		}
		finally {
			readers.shutdownNow();
		}
	}

	private static void assertIntervalKept(List<Long> times) {
		assertThat(times).hasSizeGreaterThanOrEqualTo(25);
		List<Long> gapsMillis = new ArrayList<>();
		for (int i = 1; i < times.size(); i++) {
			gapsMillis.add(TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1)));
		}
		// Every event one interval (1 s) after the previous, give or take a second.
		assertThat(gapsMillis).allSatisfy((gap) -> assertThat(gap).isBetween(0L, 2000L));
		assertThat(gapsMillis.subList(1, gapsMillis.size())).allSatisfy((gap) -> assertThat(gap).isPositive());
	}

	/** The arrival time of each event, until the watch ends or the stream is closed. */
	private static List<Long> eventTimes(InputStream body) {
		List<Long> times = new ArrayList<>();
		long end = System.nanoTime() + WATCH_NANOS;
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			while (System.nanoTime() < end && (line = lines.readLine()) != null) {
				if (line.startsWith("event:")) {
					times.add(System.nanoTime());
				}
			}
		}
		catch (java.io.IOException ex) {
			// Closed by the test at the end of the watch.
		}
		return times;
	}

	private HttpResponse<InputStream> openStream(EndpointClient client) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(client.profiling("/live?interval=1s")))
			.header("Accept", "text/event-stream")
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (java.io.IOException ex) {
			// Nothing to do.
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSocketBuffers {

		/** A small send buffer, so that the slow client's writes block after a few KB. */
		@Bean
		TomcatConnectorCustomizer smallSendBuffer() {
			return (connector) -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

}
