package io.github.profiling.integration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a separate management port the endpoint lives only there, protected there, and
 * request tagging still sees the application's requests on the main port.
 */
@DirtiesContext
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health,profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class ManagementPortTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void theEndpointIsOnTheManagementPortOnlyAndProtectedThere() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		String management = "http://127.0.0.1:" + this.managementPort + "/actuator/profiling";
		String application = "http://127.0.0.1:" + this.port;

		assertThat(Http.get(application + "/actuator/profiling", "admin", "admin-pw").statusCode())
			.as("not on the application port")
			.isEqualTo(404);
		assertThat(Http.get(management, null, null).statusCode()).as("anonymous on the management port").isEqualTo(401);
		assertThat(Http.post(management, "{\"interval\":\"20ms\"}", "viewer", "viewer-pw").statusCode()).isEqualTo(403);
		assertThat(Http.get(management, "viewer", "viewer-pw").statusCode()).isEqualTo(200);

		for (int i = 0; i < 200; i++) {
			assertThat(Http.get(application + "/work/2000", null, null).statusCode()).isEqualTo(200);
		}
		String tags = Http.get(management + "/tags", "viewer", "viewer-pw").body();
		assertThat(tags).contains("\"http.route\":\"/work/{n}\"");
		String ui = Http.get(management + "/ui", "viewer", "viewer-pw").body();
		assertThat(ui).contains("<html");
	}

}
