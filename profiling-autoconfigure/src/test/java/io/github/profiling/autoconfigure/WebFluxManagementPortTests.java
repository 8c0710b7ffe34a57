package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.reactiveapp.ReactiveWorkloadApplication;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a WebFlux application with a management server of its own, the views answer there,
 * live included, and not on the application's port.
 */
@DirtiesContext
@SpringBootTest(classes = ReactiveWorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.server.port=0",
				"management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk",
				// Tomcat is on this module's test class path too; the application runs on
				// Netty.
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration" })
class WebFluxManagementPortTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void theViewsAnswerOnTheManagementPort() throws Exception {
		new EndpointClient(this.port).load("/loop/light", 2, 4);
		EndpointClient management = new EndpointClient(this.managementPort);
		assertThat(management.getJson(management.profiling("")).get("sampler").asString()).isEqualTo("jdk");
		JsonNode tree = management.getJson(management.profiling("/tree"));
		TreeAssertions.assertInvariants(tree);
		assertThat(tree.get("samples").asLong()).isPositive();
		HttpResponse<String> pprof = management.get(management.profiling("/pprof"));
		assertThat(pprof.statusCode()).isEqualTo(200);
		assertThat(pprof.headers().firstValue("Content-Type").orElse("")).startsWith("application/octet-stream");
		List<String> events = management.readEvents(management.profiling("/live?interval=1s"), "*/*", 1,
				Duration.ofSeconds(20));
		assertThat(events).hasSize(1);
		HttpResponse<String> bad = management.get(management.profiling("/tree?seconds=abc"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(EndpointClient.parse(bad.body()).get("parameter").asString()).isEqualTo("seconds");
		EndpointClient application = new EndpointClient(this.port);
		assertThat(application.get(application.profiling("/tree")).statusCode()).isEqualTo(404);
	}

}
