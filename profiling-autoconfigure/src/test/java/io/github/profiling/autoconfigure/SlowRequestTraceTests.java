package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.export.pyroscope.DecodedPush;
import io.github.profiling.autoconfigure.requestsapp.SlowRequestApplication;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Micrometer Tracing (here its Brave bridge, W3C propagation), a kept request names
 * the trace its {@code traceparent} header carried and its own server span; pprof labels
 * the samples of kept requests {@code trace_id} and {@code span_id}, as Pyroscope reads
 * them, decoded here by protobuf-java's generic reader.
 */
@DirtiesContext
@SpringBootTest(classes = SlowRequestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.interval=2ms",
				"management.tracing.sampling.probability=1.0", SlowRequests.PROPERTIES_KEEP_ALL })
class SlowRequestTraceTests {

	@LocalServerPort
	int port;

	@Test
	void keptRequestsNameTheTraceTheyCarriedAndPprofLabelsTheirSamples() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		Map<String, String> parentSpans = new HashMap<>();
		for (int n = 0; n < 40; n++) {
			String traceId = HexFormat.of().formatHex(randomBytes(16));
			String parentSpan = HexFormat.of().formatHex(randomBytes(8));
			parentSpans.put(traceId, parentSpan);
			HttpResponse<String> response = client.getWithHeader(client.base() + "/orders/" + (n * 10 + 9),
					"traceparent", "00-" + traceId + "-" + parentSpan + "-01");
			assertThat(response.statusCode()).isEqualTo(200);
		}
		List<JsonNode> kept = SlowRequests.settledRequests(client,
				"/requests?limit=1000&tag=" + encode("http.route:/orders/{n}"));
		assertThat(kept).hasSize(40);
		for (JsonNode request : kept) {
			String traceId = request.path("traceId").asString("");
			assertThat(parentSpans).as("trace of %s", request).containsKey(traceId);
			String spanId = request.path("spanId").asString("");
			assertThat(spanId).matches("[0-9a-f]{16}").isNotEqualTo(parentSpans.get(traceId));
		}

		// The window's profile: the kept requests' samples under their trace, the weight
		// conserved.
		long windowWeight = client.getJson(client.profiling("/tree")).get("samples").asLong();
		DecodedPush.Profile profile = DecodedPush.Profile.decode(gunzip(bytes(client.profiling("/pprof"))));
		long labelled = 0;
		long total = 0;
		for (DecodedPush.Sample sample : profile.samples()) {
			long samples = sample.values().get(0);
			total += samples;
			String traceId = sample.labels().get("trace_id");
			if (traceId != null) {
				assertThat(traceId).matches("[0-9a-f]{32}");
				assertThat(sample.labels().get("span_id")).matches("[0-9a-f]{16}");
			}
			// The endpoint's own requests are traced and kept too, under traces of their
			// own.
			if (parentSpans.containsKey(traceId)) {
				labelled += samples;
				// Before handler mapping a request's samples carry its method only.
				assertThat(sample.labels()).containsEntry("http.method", "GET");
				assertThat(sample.labels().getOrDefault("http.route", "/orders/{n}")).isEqualTo("/orders/{n}");
			}
		}
		long keptWeight = kept.stream().mapToLong((request) -> request.get("weight").asLong()).sum();
		assertThat(keptWeight).isGreaterThan(40);
		assertThat(labelled).isEqualTo(keptWeight);
		// Samples taken after the tree was read may be in the profile: at least as many.
		assertThat(total).isGreaterThanOrEqualTo(windowWeight);
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static byte[] bytes(String url) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static byte[] gunzip(byte[] raw) throws Exception {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
			return in.readAllBytes();
		}
	}

}
