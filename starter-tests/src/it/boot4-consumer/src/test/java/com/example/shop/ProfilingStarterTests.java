package com.example.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The application profiles its requests with nothing but the starter and two properties. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfilingStarterTests {

	private static final String ROUTE = "/factorial/{n}";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	int port;

	@Test
	void requestsAreProfiledUnderTheirRouteTemplate() throws Exception {
		System.out.println("Consumer on Spring Boot " + SpringBootVersion.getVersion() + ", Java "
				+ Runtime.version());
		String status = get("/actuator/profiling");
		assertThat(JsonPath.<Boolean>read(status, "$.running")).as(status).isTrue();
		System.out.println("Profiling with sampler " + JsonPath.read(status, "$.sampler") + ": "
				+ JsonPath.read(status, "$.samplers." + JsonPath.read(status, "$.sampler") + ".reason"));

		// Load until the route's tree holds enough samples: bounded by count and time.
		String routeQuery = "/actuator/profiling/tree?tag=http.route:/factorial/%7Bn%7D";
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String tree = get(routeQuery);
		for (int round = 0; round < 200 && samples(tree) < 20 && System.nanoTime() < deadline; round++) {
			for (int i = 0; i < 10; i++) {
				assertThat(get("/factorial/" + (3000 + i))).isNotEmpty();
			}
			tree = get(routeQuery);
		}
		assertThat(samples(tree)).as("samples under route %s: %s", ROUTE, tree).isGreaterThanOrEqualTo(20);
		List<String> frames = JsonPath.read(tree, "$..name");
		assertThat(frames).as("frames under the route").anyMatch((frame) -> frame.contains("FactorialController.factorial"));

		String tags = get("/actuator/profiling/tags");
		List<Map<String, String>> tagSets = JsonPath.read(tags, "$[*].tags");
		List<String> routes = tagSets.stream().map((tagSet) -> tagSet.get("http.route")).filter((r) -> r != null).toList();
		assertThat(routes).as("routes of %s", tags).contains(ROUTE).noneMatch((route) -> route.matches(".*/\\d+"));
	}

	private long samples(String tree) {
		return JsonPath.<Number>read(tree, "$.samples").longValue();
	}

	private String get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

}
