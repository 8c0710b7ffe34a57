package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.autoconfigure.export.pyroscope.DecodedPush.Profile;
import io.github.profiling.autoconfigure.export.pyroscope.PyroscopeReceiver.Received;
import io.github.profiling.autoconfigure.testapp.TestApplication;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.TagFilter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pushed profiles as a Pyroscope server reads them: the wire contract of the Push
 * API, and windows that tile time, add up to the store's samples and carry each sample's
 * route.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.export.pyroscope.interval=1s",
				"management.profiling.export.pyroscope.timeout=2s",
				"management.profiling.export.pyroscope.service-name=orders",
				"management.profiling.export.pyroscope.instance=orders-7f9c",
				"management.profiling.export.pyroscope.labels.env=test",
				"management.profiling.export.pyroscope.labels[deployment.zone]=eu-1",
				"management.profiling.export.pyroscope.user=profiler",
				"management.profiling.export.pyroscope.password=s3cret:x",
				"management.profiling.export.pyroscope.tenant-id=team-a" })
class PyroscopeExportTests {

	private static final PyroscopeReceiver receiver = new PyroscopeReceiver();

	private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";

	@LocalServerPort
	int port;

	@Autowired
	Profiler profiler;

	@DynamicPropertySource
	static void pyroscopeUrl(DynamicPropertyRegistry registry) {
		registry.add("management.profiling.export.pyroscope.url", () -> receiver.url() + "/");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void pushedWindowsTileTimeAddUpToTheStoreAndCarryRoutes() throws Exception {
		int before = receiver.received().size();
		try (PushTestSupport.Load load = new PushTestSupport.Load(this.port, List.of("/4000", "/4000", "/sleep/3"))) {
			PushTestSupport.await("five pushes under load", Duration.ofSeconds(30),
					() -> receiver.received().size() >= before + 5);
			assertThat(load.failures()).isEmpty();
		}
		List<Received> pushes = receiver.received();
		assertThat(pushes).allMatch(Received::accepted);
		List<Profile> profiles = new ArrayList<>();
		Set<String> ids = new TreeSet<>();
		for (Received push : pushes) {
			assertThat(push.method()).isEqualTo("POST");
			assertThat(push.path()).as("no double slash from the URL's trailing one")
				.isEqualTo("/push.v1.PusherService/Push");
			assertThat(push.header("Content-Type")).isEqualTo("application/proto");
			assertThat(push.header("Connect-Protocol-Version")).isEqualTo("1");
			assertThat(push.header("Connect-Timeout-Ms")).isEqualTo("2000");
			assertThat(push.header("Authorization")).isEqualTo("Basic "
					+ Base64.getEncoder().encodeToString("profiler:s3cret:x".getBytes(StandardCharsets.UTF_8)));
			assertThat(push.header("X-Scope-OrgID")).isEqualTo("team-a");
			DecodedPush decoded = push.decoded();
			assertThat(decoded.seriesLabels()).containsEntry("__name__", "process_cpu")
				.containsEntry("service_name", "orders")
				.containsEntry("instance", "orders-7f9c")
				.containsEntry("env", "test")
				.containsEntry("deployment_zone", "eu-1");
			assertThat(new ArrayList<>(decoded.seriesLabels().keySet())).as("sorted, valid names")
				.isSorted()
				.allMatch((name) -> name.matches(LABEL_NAME));
			assertThat(ids.add(decoded.id())).as("each window pushed once").isTrue();
			assertThat(decoded.gzipped()).as("the raw profile is gzipped pprof").isTrue();
			Profile profile = decoded.profile();
			assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
			assertThat(profile.periodType()).isEqualTo("cpu/nanoseconds");
			assertThat(profile.period()).isEqualTo(10_000_000L);
			assertThat(profile.samples()).isNotEmpty().allSatisfy((sample) -> {
				assertThat(sample.values().get(1)).isEqualTo(sample.values().get(0) * profile.period());
				assertThat(sample.labels().keySet()).allMatch((name) -> name.matches(LABEL_NAME));
				assertThat(sample.frames()).isNotEmpty();
			});
			profiles.add(profile);
		}
		profiles.sort(Comparator.comparing(Profile::start));
		for (int i = 0; i < profiles.size(); i++) {
			Profile profile = profiles.get(i);
			assertThat(profile.durationNanos()).as("a window is whole seconds")
				.isPositive()
				.isEqualTo(profile.durationNanos() / 1_000_000_000L * 1_000_000_000L);
			assertThat(profile.total(0, null, null)).as("window %s: the store's samples", profile.start())
				.isEqualTo(PushTestSupport.storeSamples(this.profiler, profile.start(), profile.end(), TagFilter.NONE));
			Set<String> routes = new TreeSet<>();
			profile.samples()
				.stream()
				.map((sample) -> sample.labels().get("http_route"))
				.filter(java.util.Objects::nonNull)
				.forEach(routes::add);
			for (String route : routes) {
				assertThat(profile.total(0, "http_route", route)).as("window %s, route %s", profile.start(), route)
					.isEqualTo(PushTestSupport.storeSamples(this.profiler, profile.start(), profile.end(),
							TagFilter.parse(List.of("http.route:" + route))));
			}
			if (i > 0) {
				Profile previous = profiles.get(i - 1);
				assertThat(profile.start()).as("no overlap").isAfterOrEqualTo(previous.end());
				if (profile.start().isAfter(previous.end())) {
					assertThat(PushTestSupport.storeSamples(this.profiler, previous.end(), profile.start(),
							TagFilter.NONE))
						.as("a gap between pushes holds no sample")
						.isZero();
				}
			}
		}
		Profile busiest = profiles.stream()
			.max(Comparator.comparingLong((p) -> p.total(0, "http_route", "/{n}")))
			.orElseThrow();
		assertThat(busiest.total(0, "http_route", "/{n}")).as("the CPU route is labelled").isPositive();
		assertThat(busiest.samples()).filteredOn((sample) -> "/{n}".equals(sample.labels().get("http_route")))
			.anySatisfy((sample) -> {
				assertThat(sample.labels()).containsEntry("http_method", "GET");
				assertThat(sample.frames()).anyMatch((frame) -> frame.contains("FactorialController.factorial"));
			});
	}

}
