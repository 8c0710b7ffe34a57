package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagShare;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that does not expose the endpoint still profiles: the profiler samples,
 * its status is read through the bean, and requests are tagged with their route.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.profiling.mode=sampling", "management.profiling.sampler=jdk",
				"management.profiling.interval=5ms" })
class ProfilingWithoutEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	Profiler profiler;

	@Test
	void profilesAndTagsRequestsWithTheEndpointNotExposed() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.get(client.profiling("")).statusCode()).as("endpoint not exposed").isEqualTo(404);
		client.load("/5000", 2, 60);
		assertThat(this.profiler.status().running()).isTrue();
		assertThat(this.profiler.status().samples()).isPositive();
		List<TagShare> shares = this.profiler.tagShares(ProfileQuery.all());
		assertThat(shares).as(shares.toString())
			.anySatisfy((share) -> assertThat(share.tags().get("http.route")).isEqualTo("/{n}"));
	}

}
