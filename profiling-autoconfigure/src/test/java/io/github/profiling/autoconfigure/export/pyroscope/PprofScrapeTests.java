package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.autoconfigure.export.pyroscope.DecodedPush.Profile;
import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/profiling/pprof?seconds=N} as a pprof scraper (Parca's
 * {@code scrape_configs}, Alloy's {@code pyroscope.scrape}) reads it: a plain GET with
 * the {@code seconds} it adds for delta profiles, answered at once with the last N
 * seconds as gzipped pprof.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class PprofScrapeTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Test
	void answersAScrapeAtOnceWithTheLastSecondsAsGzippedPprof() throws Exception {
		try (PushTestSupport.Load load = new PushTestSupport.Load(this.port, List.of("/4000"))) {
			Thread.sleep(3000);
			assertThat(load.failures()).isEmpty();
		}
		// As scrapers send it: no Accept at all (Go's client), or anything; Go's client
		// also asks
		// for a gzip transport, which must not gzip the gzipped file again.
		for (String accept : new String[] { null, "*/*" }) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/profiling/pprof?seconds=10"))
				.header("Accept-Encoding", "gzip")
				.timeout(Duration.ofSeconds(10));
			if (accept != null) {
				request.header("Accept", accept);
			}
			long start = System.nanoTime();
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(response.statusCode()).as("Accept %s", accept).isEqualTo(200);
			assertThat(took).as("answered at once, not after the window").isLessThan(Duration.ofSeconds(5));
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/octet-stream"));
			assertThat(response.headers().firstValue("Content-Encoding")).as("a gzipped file, not a gzipped transport")
				.isEmpty();
			assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
					(disposition) -> assertThat(disposition).startsWith("attachment").contains(".pb.gz"));
			byte[] body = response.body();
			assertThat(body[0] & 0xff).isEqualTo(0x1f);
			assertThat(body[1] & 0xff).isEqualTo(0x8b);
			Profile profile;
			try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
				profile = Profile.decode(in.readAllBytes());
			}
			assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
			assertThat(profile.total(0, "http.route", "/{n}")).isPositive();
			assertThat(Duration.ofNanos(profile.durationNanos())).isLessThanOrEqualTo(Duration.ofSeconds(10));
			assertThat(profile.end()).isBetween(Instant.now().minusSeconds(5), Instant.now());
		}
		for (String accept : new String[] { "*/*", "application/json" }) {
			HttpResponse<String> bad = get("/actuator/profiling/pprof?seconds=ten", accept);
			assertThat(bad.statusCode()).isEqualTo(400);
			assertThat(bad.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode error = JsonMapper.builder().build().readTree(bad.body());
			assertThat(error.get("parameter").asString()).isEqualTo("seconds");
			assertThat(error.get("error").asString()).isNotEmpty();
		}
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
