package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;
import io.github.profiling.context.ProfilingContext;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default {@code mode=off}: no profiler thread, no request tagging, endpoint
 * answers.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=profiling")
class ProfilingOffTests {

	@LocalServerPort
	int port;

	@Test
	void offStartsNothingAndTagsNoRequest() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.load("/500", 1, 20);
		JsonNode status = client.getJson(client.profiling(""));
		assertThat(status.get("mode").asString()).isEqualTo("off");
		assertThat(status.get("running").asBoolean()).isFalse();
		assertThat(status.get("samples").asLong()).isZero();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("profiling-"));
		assertThat(ProfilingContext.global().activeThreads()).isZero();
		JsonNode tree = client.getJson(client.profiling("/tree"));
		assertThat(tree.get("samples").asLong()).isZero();
	}

}
