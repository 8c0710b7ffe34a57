package io.github.profiling.autoconfigure;

import io.github.profiling.tracingapp.TracingTestApplication;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Include patterns that cannot be traced are refused with the reason, huge lists are
 * refused at once, and a running tracer says how many calls it recorded, so that dead
 * tracing shows.
 */
@DirtiesContext
@SpringBootTest(classes = TracingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.sampler=jdk" })
class TracingBroadPatternsTests {

	private static final Pattern CALLS_RECORDED = Pattern.compile("; (\\d+) calls recorded");

	@LocalServerPort
	int port;

	@Test
	void patternsThatCannotBeTracedAreRefusedAndSamplingGoesOn() {
		EndpointClient client = new EndpointClient(this.port);
		for (String include : new String[] { "**", "java.**", "*.**" }) {
			HttpResponse<String> refused = client.post(client.profiling(""),
					"{\"mode\":\"tracing\",\"include\":\"" + include + "\"}");
			assertThat(refused.statusCode()).as(include).isEqualTo(400);
			JsonNode error = EndpointClient.parse(refused.body());
			assertThat(error.get("parameter").asString()).isEqualTo("include");
			assertThat(error.get("error").asString()).contains(include);
		}
		JsonNode status = client.getJson(client.profiling(""));
		assertThat(status.get("mode").asString()).isEqualTo("sampling");
		assertThat(status.get("sampler").asString()).isEqualTo("jdk");
	}

	@Test
	void aHugeIncludeListIsRefusedAtOnce() {
		EndpointClient client = new EndpointClient(this.port);
		StringBuilder patterns = new StringBuilder();
		for (int i = 0; i < 100_000; i++) {
			patterns.append((i > 0) ? "," : "").append("com.example.C").append(i);
		}
		long start = System.nanoTime();
		HttpResponse<String> refused = client.post(client.profiling(""),
				"{\"mode\":\"tracing\",\"include\":\"" + patterns + "\"}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("more than 100 patterns").hasSizeLessThan(500);
		HttpResponse<String> longPattern = client.post(client.profiling(""),
				"{\"include\":\"com.example." + "a".repeat(100_000) + "\"}");
		assertThat(longPattern.statusCode()).isEqualTo(400);
		assertThat(longPattern.body()).hasSizeLessThan(500);
		assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
	}

	@Test
	void theStatusSaysHowManyCallsTheTracerRecorded() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<String> on = client.post(client.profiling(""),
				"{\"mode\":\"tracing\",\"include\":\"io.github.profiling.tracingapp.**\"}");
		assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
		try {
			TracingTestSupport.load(this.port, "/price/3", 2, 20);
			JsonNode tree = client.getJson(client.profiling("/tree"));
			assertThat(TracingTestSupport.calls(TracingTestSupport.child(tree.get("root"), TracingTestSupport.PRICE)))
				.isEqualTo(20);
			String reason = client.getJson(client.profiling("")).get("samplers").get("tracer").get("reason").asString();
			Matcher recorded = CALLS_RECORDED.matcher(reason);
			assertThat(recorded.find()).as(reason).isTrue();
			assertThat(Long.parseLong(recorded.group(1))).isGreaterThanOrEqualTo(20);
		}
		finally {
			client.post(client.profiling(""), "{\"mode\":\"sampling\",\"sampler\":\"jdk\"}");
		}
	}

}
