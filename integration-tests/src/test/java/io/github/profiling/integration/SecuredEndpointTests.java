package io.github.profiling.integration;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security, the profiling endpoint is protected like any actuator endpoint.
 */
@DirtiesContext
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class SecuredEndpointTests {

	@LocalServerPort
	int port;

	@Test
	void readingNeedsAUserAndWritingAnAdmin() {
		String base = "http://127.0.0.1:" + this.port + "/actuator/profiling";
		for (String view : new String[] { "", "/tree", "/tags", "/live", "/flamegraph", "/collapsed", "/pprof",
				"/ui" }) {
			assertThat(Http.get(base + view, null, null).statusCode()).as("anonymous GET " + view).isEqualTo(401);
			assertThat(Http.get(base + view, "viewer", "wrong").statusCode()).as("bad password " + view).isEqualTo(401);
		}
		assertThat(Http.get(base + "/tree", "viewer", "viewer-pw").statusCode()).isEqualTo(200);
		assertThat(Http.get(base, "viewer", "viewer-pw").statusCode()).isEqualTo(200);

		String change = "{\"interval\":\"20ms\"}";
		assertThat(Http.post(base, change, null, null).statusCode()).isEqualTo(401);
		assertThat(Http.post(base, change, "viewer", "viewer-pw").statusCode()).as("a viewer cannot write")
			.isEqualTo(403);
		HttpResponse<String> admin = Http.post(base, change, "admin", "admin-pw");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("\"intervalMillis\":20");
		// The application's own routes stay open, and are profiled.
		assertThat(Http.get("http://127.0.0.1:" + this.port + "/work/10", null, null).statusCode()).isEqualTo(200);
	}

	@Test
	void errorAnswersRevealNoInsides() {
		String base = "http://127.0.0.1:" + this.port + "/actuator/profiling";
		HttpResponse<String> bad = Http.get(base + "/tree?seconds=-5", "viewer", "viewer-pw");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("\"parameter\":\"seconds\"")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		HttpResponse<String> denied = Http.post(base, "{\"mode\":\"off\"}", "viewer", "viewer-pw");
		assertThat(denied.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

}
