package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiler's meters: samples, its own cost, its store, streams and each route's CPU
 * share.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class ProfilingMetricsTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Test
	void metersDescribeTheProfilerAndTheRoutes() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.load("/6000", 2, 60);
		assertThat(this.registry.get("profiling.samples").tag("sampler", "jdk").functionCounter().count()).isPositive();
		assertThat(this.registry.get("profiling.samples.dropped").tag("sampler", "jdk").functionCounter().count())
			.isGreaterThanOrEqualTo(0);
		assertThat(this.registry.get("profiling.cpu.time").functionCounter().count()).isPositive();
		assertThat(this.registry.get("profiling.store.nodes").gauge().value()).isPositive();
		assertThat(this.registry.get("profiling.store.size").gauge().value()).isPositive();
		assertThat(this.registry.get("profiling.live.streams").gauge().value()).isZero();
		double busy = this.registry.get("profiling.route.cpu.share").tag("route", "/{n}").gauge().value();
		double idle = this.registry.get("profiling.route.cpu.share").tag("route", "/sleep/{ms}").gauge().value();
		assertThat(busy).isBetween(0.3, 1.0);
		assertThat(idle).isBetween(0.0, 0.05);
		assertThat(this.registry.find("profiling.route.cpu.share").gauges())
			.as("one gauge per route of the application, none per raw path or actuator operation")
			.extracting((gauge) -> gauge.getId().getTag("route"))
			.contains("/{n}", "/sleep/{ms}")
			.noneMatch((route) -> route.startsWith("/actuator") || route.matches(".*/\\d+.*"));
	}

}
