package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching sampler, event, interval and mode while requests and a live stream run: every
 * switch is answered, the application keeps serving, the stream keeps delivering, and
 * afterwards exactly the threads the final settings need are left.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class RuntimeSwitchUnderLoadTests {

	private static final List<String> SWITCHES = List.of("{\"event\":\"wall\"}", "{\"interval\":\"5ms\"}",
			"{\"mode\":\"off\"}", "{\"mode\":\"sampling\"}", "{\"event\":\"cpu\",\"interval\":\"20ms\"}",
			"{\"sampler\":\"auto\"}", "{\"sampler\":\"jdk\",\"interval\":\"10ms\"}", "{\"action\":\"reset\"}",
			"{\"mode\":\"off\"}", "{\"mode\":\"sampling\",\"event\":\"wall\"}", "{\"event\":\"cpu\"}");

	@LocalServerPort
	int port;

	@Test
	void switchesUnderLoadLoseNothingAndLeakNothing() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		Set<String> threadsBefore = profilerThreads();
		AtomicBoolean loading = new AtomicBoolean(true);
		AtomicInteger failedRequests = new AtomicInteger();
		AtomicInteger servedRequests = new AtomicInteger();
		Thread load = new Thread(() -> {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (loading.get() && System.nanoTime() < deadline) {
				HttpResponse<String> response = client.get("http://127.0.0.1:" + this.port + "/1500");
				(response.statusCode() == 200 ? servedRequests : failedRequests).incrementAndGet();
			}
		});
		load.start();
		Thread stream = new Thread(() -> {
			try {
				client.readEvents(client.profiling("/live?interval=1s"), "text/event-stream", 6,
						Duration.ofSeconds(40));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		AtomicBoolean streamFailed = new AtomicBoolean();
		stream.setUncaughtExceptionHandler((thread, ex) -> streamFailed.set(true));
		stream.start();
		try {
			for (int round = 0; round < 3; round++) {
				for (String change : SWITCHES) {
					HttpResponse<String> response = client.post(client.profiling(""), change);
					assertThat(response.statusCode()).as(change + " -> " + response.body()).isEqualTo(200);
					assertThat(client.get(client.profiling("/tree?seconds=5&maxDepth=4")).statusCode()).isEqualTo(200);
				}
			}
			stream.join(45_000);
			assertThat(stream.isAlive()).as("the live stream delivered its events").isFalse();
			assertThat(streamFailed.get()).as("the live stream delivered six events while settings changed").isFalse();
		}
		finally {
			loading.set(false);
			load.join(60_000);
		}
		assertThat(failedRequests.get()).isZero();
		assertThat(servedRequests.get()).isPositive();
		// Sampling with jdk again: one sampler thread; the stream has ended, so no live
		// thread.
		LiveStreamLimitsTests.awaitTrue(() -> profilerThreads().equals(Set.of("profiling-sampler-jdk")),
				Duration.ofSeconds(10));
		assertThat(threadsBefore).isSubsetOf(Set.of("profiling-sampler-jdk", "profiling-live"));
	}

	private static Set<String> profilerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("profiling-"))
			.collect(Collectors.toSet());
	}

}
