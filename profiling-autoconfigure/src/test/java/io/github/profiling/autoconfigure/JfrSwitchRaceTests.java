package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /jfr} while the sampler is switched back and forth: 200, 404 or 409 with a
 * reason, never a 5xx, never a server path.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class JfrSwitchRaceTests {

	private static final String[] SAMPLERS = { "jfr", "jdk", "async", "jfr", "async" };

	@LocalServerPort
	int port;

	@Test
	void downloadsDuringSwitchesNeverFailOnTheServer() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		AtomicBoolean switching = new AtomicBoolean(true);
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		Queue<String> bad = new ConcurrentLinkedQueue<>();
		String tmp = System.getProperty("java.io.tmpdir");
		Thread downloader = new Thread(() -> {
			while (switching.get()) {
				HttpResponse<String> response = client.get(client.profiling("/jfr"));
				statuses.merge(response.statusCode(), 1, Integer::sum);
				if (response.statusCode() != 200 && (response.statusCode() >= 500 || response.body().contains(tmp))) {
					bad.add(response.statusCode() + ": " + response.body());
				}
			}
		}, "jfr-downloader");
		downloader.start();
		try {
			for (int i = 0; i < 30; i++) {
				String sampler = SAMPLERS[i % SAMPLERS.length];
				HttpResponse<String> switched = client.post(client.profiling(""), "{\"sampler\":\"" + sampler + "\"}");
				assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
				Thread.sleep(20 + (i % 4) * 40);
			}
		}
		finally {
			switching.set(false);
			downloader.join(TimeUnit.SECONDS.toMillis(30));
			client.post(client.profiling(""), "{\"sampler\":\"jdk\"}");
		}
		assertThat(bad).as("answers: " + new TreeMap<>(statuses)).isEmpty();
		assertThat(statuses.keySet()).as("answers: " + new TreeMap<>(statuses)).isSubsetOf(200, 404, 409);
		assertThat(statuses).as("downloads during the switches").containsKey(200);
	}

}
