package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, malformed, huge and hostile values for every parameter of every view and of the
 * POST: the answer is a success or a 4xx with a JSON error, never a 5xx, never a stack
 * trace.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class BadInputFuzzTests {

	// Hostile paths (%00, encoded slashes) are refused by the servlet container before
	// any
	// application code runs; the views here all reach the endpoint.
	private static final List<String> VIEWS = List.of("tree", "tags", "flamegraph", "collapsed", "pprof", "jfr", "ui",
			"diff", "timeline", "nothing", "tree.json", "%E2%9C%93");

	private static final List<String> PARAMETERS = List.of("seconds", "tag", "thread", "maxDepth", "minPercent",
			"interval", "offset", "baseSeconds", "baseOffset", "baseTag");

	private static final List<String> POST_FIELDS = List.of("mode", "sampler", "event", "interval", "action");

	private static final String[] HOSTILE = { "", " ", "-1", "0", "1e9", "NaN", "Infinity", "-0",
			"99999999999999999999", "9223372036854775807", "1.5", "0x10", "abc", "key:", ":value", "a:b,c", ",,,",
			"http.route:/{n}", "\u0000", "\uD83D\uDE00", "<script>alert(1)</script>", "'; DROP TABLE x; --",
			"${jndi:ldap://x}", "%s%n%x", "../../etc/passwd", "1s", "500ms", "61s", "10ms", "off", "sampling",
			"tracing", "wall", "jdk", "auto", "reset", "x".repeat(5000), "999999999999s", "999999999999h", "2562048h",
			"153722867281m", "10000000000s", "999999999999" };

	/** Durations that overflow a long of nanoseconds, in every unit and bare. */
	private static final List<String> OVERFLOWING_DURATIONS = List.of("999999999999s", "999999999999h", "2562048h",
			"153722867281m", "10000000000s", "999999999999m", "999999999999", "99999999999999999999s");

	/** What browsers, EventSource, download tools and scripts send. */
	private static final List<String> ACCEPTS = List.of(
			"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/event-stream",
			"application/octet-stream", "text/plain", "application/json", "*/*", "image/png", "text/html");

	@LocalServerPort
	int port;

	@Test
	void everyViewParameterAnswersSuccessOr4xxWithAJsonError() {
		EndpointClient client = new EndpointClient(this.port);
		Random random = new Random(7);
		List<String> failures = new ArrayList<>();
		for (String view : VIEWS) {
			for (String parameter : PARAMETERS) {
				for (int i = 0; i < 6; i++) {
					String value = randomValue(random);
					String url = client.profiling("/" + view + "?" + parameter + "=" + encode(value));
					check(client.get(url), url, failures);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void everyPostFieldAnswersSuccessOr4xxWithAJsonError() {
		EndpointClient client = new EndpointClient(this.port);
		Random random = new Random(11);
		List<String> failures = new ArrayList<>();
		for (String field : POST_FIELDS) {
			for (int i = 0; i < 12; i++) {
				String value = randomValue(random);
				String body = "{\"" + field + "\":" + jsonString(value) + "}";
				check(client.post(client.profiling(""), body), "POST " + body, failures);
			}
		}
		for (String body : List.of("", "null", "[]", "{", "{\"mode\":{\"nested\":1}}", "{\"mode\":[1,2]}",
				"{\"mode\":1}", "{\"unknown\":\"x\"}", "\"text\"")) {
			check(client.post(client.profiling(""), body), "POST " + body, failures);
		}
		assertThat(failures).isEmpty();
		// Whatever was sent, the profiler still answers and can be set back.
		HttpResponse<String> restore = client.post(client.profiling(""),
				"{\"mode\":\"sampling\",\"sampler\":\"jdk\",\"event\":\"cpu\",\"interval\":\"10ms\"}");
		assertThat(restore.statusCode()).isEqualTo(200);
	}

	@Test
	void overflowingDurationsAnswer400NamingTheInterval() {
		EndpointClient client = new EndpointClient(this.port);
		List<String> failures = new ArrayList<>();
		for (String duration : OVERFLOWING_DURATIONS) {
			String url = client.profiling("/live?interval=" + encode(duration));
			HttpResponse<String> live = client.get(url, "text/event-stream");
			check(live, url, failures);
			expect400Naming(live, "interval", url, failures);
			String body = "{\"interval\":" + jsonString(duration) + "}";
			HttpResponse<String> post = client.post(client.profiling(""), body);
			check(post, "POST " + body, failures);
			expect400Naming(post, "interval", "POST " + body, failures);
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void everyViewAnswersEveryAcceptHeaderWithoutA5xx() {
		EndpointClient client = new EndpointClient(this.port);
		List<String> failures = new ArrayList<>();
		for (String view : VIEWS) {
			for (String accept : ACCEPTS) {
				String url = client.profiling("/" + view + "?seconds=60");
				check(client.get(url, accept), url + " Accept: " + accept, failures);
			}
		}
		// A live stream with a bad parameter is refused before it opens, whatever is
		// accepted.
		for (String accept : ACCEPTS) {
			String url = client.profiling("/live?interval=0s");
			check(client.get(url, accept), url + " Accept: " + accept, failures);
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void theTagsViewAnswersBrowsersAndEventSourcesWithJson() {
		EndpointClient client = new EndpointClient(this.port);
		for (String accept : List.of("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
				"text/event-stream")) {
			HttpResponse<String> response = client.get(client.profiling("/tags"), accept);
			assertThat(response.statusCode()).as(accept).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
			assertThat(EndpointClient.parse(response.body()).isArray()).isTrue();
		}
	}

	@Test
	void theExportsAnswerTheContentTypesTheyServe() {
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<String> pprof = client.get(client.profiling("/pprof"), "application/octet-stream");
		assertThat(pprof.statusCode()).isEqualTo(200);
		assertThat(pprof.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
		HttpResponse<String> collapsed = client.get(client.profiling("/collapsed"), "text/plain");
		assertThat(collapsed.statusCode()).isEqualTo(200);
		assertThat(collapsed.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		// The jdk sampler records no JFR: the answer says so, instead of refusing the
		// Accept header.
		HttpResponse<String> jfr = client.get(client.profiling("/jfr"), "application/octet-stream");
		assertThat(jfr.statusCode()).isEqualTo(404);
		assertThat(EndpointClient.parse(jfr.body()).get("error").asString()).contains("jfr");
	}

	@Test
	void everyViewAnswersHeadWithoutA5xx() {
		EndpointClient client = new EndpointClient(this.port);
		List<String> failures = new ArrayList<>();
		for (String view : VIEWS) {
			String url = client.profiling("/" + view);
			HttpResponse<String> response = client.head(url);
			if (response.statusCode() >= 500) {
				failures.add("HEAD " + url + " -> " + response.statusCode());
			}
		}
		HttpResponse<String> live = client.head(client.profiling("/live"));
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(client.getJson(client.profiling("")).get("liveStreams").asInt()).isZero();
		assertThat(failures).isEmpty();
	}

	@Test
	void aHugeValueIsNotEchoedInTheError() {
		EndpointClient client = new EndpointClient(this.port);
		String huge = "m".repeat(2_000_000);
		for (String field : POST_FIELDS) {
			HttpResponse<String> response = client.post(client.profiling(""), "{\"" + field + "\":\"" + huge + "\"}");
			assertThat(response.statusCode()).as(field).isEqualTo(400);
			assertThat(response.body().length()).as(field).isLessThan(1000);
			assertThat(EndpointClient.parse(response.body()).get("parameter").asString()).isEqualTo(field);
		}
		String long1000 = "7".repeat(999) + "x";
		for (String query : List.of("/tree?seconds=", "/tree?maxDepth=", "/tree?minPercent=", "/live?interval=")) {
			HttpResponse<String> response = client.get(client.profiling(query + long1000));
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body().length()).as(query).isLessThan(500);
		}
	}

	private static void expect400Naming(HttpResponse<String> response, String parameter, String request,
			List<String> failures) {
		if (response.statusCode() != 400) {
			failures.add(request + " -> " + response.statusCode() + ", not 400");
			return;
		}
		JsonNode error = EndpointClient.parse(response.body());
		if (!parameter.equals(error.path("parameter").asString(""))) {
			failures.add(request + " -> 400 naming " + error.path("parameter") + ", not " + parameter);
		}
	}

	private static String randomValue(Random random) {
		if (random.nextInt(3) == 0) {
			StringBuilder noise = new StringBuilder();
			int length = random.nextInt(40);
			for (int i = 0; i < length; i++) {
				noise.append((char) (random.nextInt(0x2FF) + 1));
			}
			return noise.toString();
		}
		return HOSTILE[random.nextInt(HOSTILE.length)];
	}

	private static void check(HttpResponse<String> response, String request, List<String> failures) {
		int status = response.statusCode();
		String body = response.body();
		String shown = (body.length() > 300) ? body.substring(0, 300) + "..." : body;
		if (status >= 500) {
			failures.add(request + " -> " + status + " " + shown);
			return;
		}
		if (status < 400) {
			return;
		}
		// An error answer must not reveal the server's insides.
		if (body.contains("Exception") || body.contains("\tat ") || body.contains("at io.github")) {
			failures.add(request + " -> a stack trace or exception in the body: " + shown);
			return;
		}
		if (status >= 400 && status != 404 && status != 405 && status != 406 && status != 415) {
			String type = response.headers().firstValue("Content-Type").orElse("");
			if (!type.startsWith("application/json") && !type.contains("+json")) {
				failures.add(request + " -> " + status + " without a JSON body: " + type + " " + shown);
				return;
			}
			JsonNode error = EndpointClient.parse(body);
			if (!error.has("error") && !error.has("status")) {
				failures.add(request + " -> " + status + " JSON without an error: " + shown);
			}
		}
	}

	private static String jsonString(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
