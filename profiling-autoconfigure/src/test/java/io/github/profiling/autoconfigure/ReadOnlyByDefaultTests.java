package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exposed without {@code management.endpoint.profiling.access}: reads answer, changes are
 * refused, and the status says so (as the viewer reads it).
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class ReadOnlyByDefaultTests {

	@LocalServerPort
	int port;

	@Test
	void postIsRefusedAndTheStatusSaysChangesAreReadOnly() {
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.getJson(client.profiling("")).get("changes").asString()).isEqualTo("read-only");
		assertThat(client.get(client.profiling("/tree")).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = client.post(client.profiling(""), "{\"mode\":\"off\"}");
		// The actuator maps no write operation for read-only access; GET on the path
		// remains.
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(405);
		assertThat(refused.headers().firstValue("Allow")).hasValue("GET");
		assertThat(EndpointClient.parse(refused.body()).get("error").asString())
			.isEqualTo("this endpoint is read-only: changing the profiler needs"
					+ " management.endpoint.profiling.access=unrestricted");
		assertThat(client.post(client.profiling("/"), "{\"mode\":\"off\"}").statusCode()).isEqualTo(405);
		HttpResponse<String> appRoute = client.post(client.base() + "/actuator/profilingx", "{}");
		assertThat(appRoute.body()).doesNotContain("read-only");
		assertThat(client.getJson(client.profiling("")).get("mode").asString()).isEqualTo("sampling");
	}

}
