package io.github.profiling.integration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator access rules apply: with read-only access, nobody can change the profiler. */
@DirtiesContext
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=read-only", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class ReadOnlyAccessTests {

	@LocalServerPort
	int port;

	@Test
	void readOnlyAccessRefusesWritesEvenToAnAdmin() {
		String base = "http://127.0.0.1:" + this.port + "/actuator/profiling";
		assertThat(Http.get(base + "/tree", "admin", "admin-pw").statusCode()).isEqualTo(200);
		var write = Http.post(base, "{\"mode\":\"off\"}", "admin", "admin-pw");
		assertThat(write.statusCode()).as("POST with read-only access").isEqualTo(405);
		assertThat(write.body()).contains("management.endpoint.profiling.access=unrestricted");
		assertThat(Http.post(base, "{\"mode\":\"off\"}", null, null).statusCode())
			.as("security answers first: no reason for an anonymous caller")
			.isEqualTo(401);
		assertThat(Http.get(base, "admin", "admin-pw").body()).contains("\"mode\":\"sampling\"");
	}

}
