package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.endpoint.LiveStreams;
import io.github.profiling.autoconfigure.reactiveapp.ReactiveWorkloadApplication;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static io.github.profiling.autoconfigure.LiveStreamLimitsTests.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint on a WebFlux application: the status, every view in its own type (the
 * profile of the routes included), bad input a 400 JSON error, {@code live} a stream of
 * server-sent events that is released when its client goes away.
 */
@DirtiesContext
@SpringBootTest(classes = ReactiveWorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jfr", "management.profiling.interval=5ms" })
class WebFluxEndpointTests {

	private static final String LIGHT = ReactiveWorkloadApplication.class.getName() + "$Loops.light";

	@LocalServerPort
	int port;

	@Autowired
	LiveStreams liveStreams;

	private EndpointClient client;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void setUp() {
		this.client = new EndpointClient(this.port);
	}

	@Test
	void statusSaysWhatRunsAndThatChangesAreRefused() {
		JsonNode status = this.client.getJson(this.client.profiling(""));
		assertThat(status.get("sampler").asString()).isEqualTo("jfr");
		assertThat(status.get("running").asBoolean()).isTrue();
		assertThat(status.get("changes").asString()).isEqualTo("read-only");
	}

	@Test
	void aChangeToTheReadOnlyEndpointIsRefusedWithTheReason() {
		HttpResponse<String> response = this.client.post(this.client.profiling(""), "{\"mode\":\"off\"}");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
		JsonNode body = EndpointClient.parse(response.body());
		assertThat(body.get("error").asString()).contains("management.endpoint.profiling.access=unrestricted");
		assertThat(this.client.getJson(this.client.profiling("")).get("running").asBoolean()).isTrue();
	}

	@Test
	void theTreeOfARouteShowsItsWork() throws Exception {
		this.client.load("/elastic/light", 2, 10);
		JsonNode tree = SamplerAccuracy.settled(this.client,
				this.client.profiling("/tree?tag=" + encode("http.route:/elastic/light")));
		TreeAssertions.assertInvariants(tree);
		assertThat(tree.get("sampler").asString()).isEqualTo("jfr");
		assertThat(SamplerAccuracy.deep(tree.get("root"), LIGHT)).isGreaterThan(tree.get("samples").asLong() / 2);
		JsonNode tags = this.client.getJson(this.client.profiling("/tags"));
		assertThat(tags.findValuesAsString("http.route")).contains("/elastic/light");
	}

	@ParameterizedTest
	@CsvSource({ "/tree, application/json", "/tags, application/json", "/flamegraph, text/html", "/ui, text/html",
			"/collapsed, text/plain", "/pprof, application/octet-stream", "/jfr, application/octet-stream",
			"/tree?focus=app&minPercent=1, application/json" })
	void everyViewAnswersInItsOwnTypeWhateverIsAccepted(String view, String type) throws Exception {
		this.client.load("/loop/light", 2, 4);
		for (String accept : List.of("*/*", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json")) {
			HttpResponse<byte[]> response = this.http
				.send(HttpRequest.newBuilder(URI.create(this.client.profiling(view)))
					.header("Accept", accept)
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as("%s accepting %s: %s", view, accept, text(response)).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(view).startsWith(type);
			byte[] body = response.body();
			assertThat(body).as(view).isNotEmpty();
			if (view.equals("/pprof")) {
				assertThat(body[0] & 0xff).as("gzip").isEqualTo(0x1f);
				assertThat(body[1] & 0xff).as("gzip").isEqualTo(0x8b);
			}
			else if (view.equals("/jfr")) {
				assertThat(new String(body, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("FLR");
			}
			else if (type.equals("application/json")) {
				assertThat(EndpointClient.parse(text(response)).isContainer()).isTrue();
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "/tree?seconds=-1, seconds", "/tree?seconds=abc, seconds", "/tags?seconds=0, seconds",
			"/tree?maxDepth=abc, maxDepth", "/tree?minPercent=101, minPercent", "/tree?tag=route, tag",
			"/tree?minPercent=NaN, minPercent", "/live?interval=500ms, interval", "/live?seconds=-1, seconds",
			"/nope, view" })
	void badInputGetsAJsonErrorNamingTheParameter(String pathAndQuery, String parameter) {
		HttpResponse<String> response = this.client.get(this.client.profiling(pathAndQuery));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(parameter.equals("view") ? 404 : 400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = EndpointClient.parse(response.body());
		assertThat(body.get("parameter").asString()).isEqualTo(parameter);
		assertThat(body.get("error").asString()).isNotBlank().doesNotContain("Exception");
	}

	@Test
	void liveStreamsTreesAndIsReleasedWhenItsClientGoesAway() throws Exception {
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));
		List<String> events = this.client.readEvents(this.client.profiling("/live?interval=1s"), "*/*", 3,
				Duration.ofSeconds(20));
		assertThat(events).hasSize(3);
		for (String event : events) {
			JsonNode tree = EndpointClient.parse(event);
			assertThat(tree.get("sampler").asString()).isEqualTo("jfr");
			TreeAssertions.assertInvariants(tree);
		}
		// readEvents closed the connection once it had read them.
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));

		HttpResponse<InputStream> open = this.http
			.send(HttpRequest.newBuilder(URI.create(this.client.profiling("/live?interval=1s")))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		awaitTrue(() -> this.liveStreams.count() == 1, Duration.ofSeconds(10));
		assertThat(this.client.getJson(this.client.profiling("")).get("liveStreams").asInt()).isEqualTo(1);
		open.body().close();
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));
	}

	@Test
	void headOfTheLiveViewHoldsNoStream() throws Exception {
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));
		HttpResponse<String> head = this.client.head(this.client.profiling("/live?interval=1s"));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		assertThat(this.liveStreams.count()).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "/live?interval=500ms", "/live?interval=abc", "/live?seconds=-1", "/live?tag=route",
			"/live?minPercent=101" })
	void headOfTheLiveViewWithBadInputIsRefusedAsAGetIs(String pathAndQuery) throws Exception {
		awaitTrue(() -> this.liveStreams.count() == 0, Duration.ofSeconds(10));
		HttpResponse<String> get = this.client.get(this.client.profiling(pathAndQuery));
		HttpResponse<String> head = this.client.head(this.client.profiling(pathAndQuery));
		assertThat(get.statusCode()).as(get.body()).isEqualTo(400);
		assertThat(head.statusCode()).isEqualTo(400);
		assertThat(head.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		assertThat(head.body()).isEmpty();
		assertThat(this.liveStreams.count()).isZero();
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

}
