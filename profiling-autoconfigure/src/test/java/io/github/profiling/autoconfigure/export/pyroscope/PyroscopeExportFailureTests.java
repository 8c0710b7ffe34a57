package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.autoconfigure.endpoint.ProfilingEndpoint;
import io.github.profiling.autoconfigure.export.pyroscope.PyroscopeReceiver.Received;
import io.github.profiling.autoconfigure.testapp.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.profiling.autoconfigure.export.pyroscope.PushTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Pyroscope in trouble — failing, rate limiting, rejecting, slow, down — while the
 * application serves: its requests go on as before, the queue stays bounded, the metrics
 * and the status say what happened, and pushing resumes when the server is back.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.export.pyroscope.interval=1s",
				"management.profiling.export.pyroscope.timeout=1s",
				"management.profiling.export.pyroscope.queue-capacity=4",
				"management.profiling.export.pyroscope.token=t0ken", "spring.application.name=billing" })
class PyroscopeExportFailureTests {

	private static final int QUEUE_CAPACITY = 4;

	private static final Duration SLOW_ANSWER = Duration.ofMillis(2500);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final PyroscopeReceiver receiver = new PyroscopeReceiver();

	@LocalServerPort
	int port;

	@Autowired
	PyroscopeExporter exporter;

	@Autowired
	MeterRegistry registry;

	@Autowired
	ProfilingEndpoint endpoint;

	@DynamicPropertySource
	static void pyroscopeUrl(DynamicPropertyRegistry registry) {
		registry.add("management.profiling.export.pyroscope.url", receiver::url);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void troublesOfTheServerNeverReachTheApplication(CapturedOutput output) throws Exception {
		try (PushTestSupport.Load load = new PushTestSupport.Load(this.port, List.of("/2000", "/sleep/2"))) {
			await("pushes while the server is healthy", WAIT, () -> receiver.accepted().size() >= 2);

			// 500 and 429: retried with back-off, the same window again, until it is
			// taken.
			for (int status : new int[] { 500, 429 }) {
				long failures = this.exporter.failures();
				receiver.answer(status, "try later");
				await(status + " answered twice", WAIT, () -> this.exporter.failures() >= failures + 2);
				int accepted = receiver.accepted().size();
				receiver.answerOk();
				await("pushes after " + status, WAIT, () -> receiver.accepted().size() >= accepted + 2);
				Set<String> acceptedIds = ids(receiver.accepted());
				Set<String> refusedIds = ids(
						receiver.received().stream().filter((r) -> r.answeredStatus() == status).toList());
				refusedIds.removeAll(acceptedIds);
				assertThat((long) refusedIds.size())
					.as("windows answered %s were sent again and taken, unless the full queue dropped them", status)
					.isLessThanOrEqualTo(this.exporter.dropped());
			}

			// 400: the server will never take this window; not retried, logged once.
			long dropped = this.exporter.dropped();
			receiver.answer(400, "profile rejected: bad labels");
			await("three windows rejected", WAIT, () -> receiver.count((r) -> r.answeredStatus() == 400) >= 3);
			List<Received> rejected = receiver.received().stream().filter((r) -> r.answeredStatus() == 400).toList();
			assertThat(ids(rejected)).as("a rejected window is not sent again").hasSize(rejected.size());
			assertThat(this.exporter.dropped()).isGreaterThanOrEqualTo(dropped + rejected.size());
			assertThat(output.getOut().split("Pyroscope rejected a profile", -1)).as("logged once").hasSize(2);
			assertThat(output.getOut()).contains("profile rejected: bad labels");
			assertThat(pyroscopeStatus().get("lastError").toString()).contains("400")
				.contains("profile rejected: bad labels");
			int acceptedBeforeSlow = receiver.accepted().size();
			receiver.answerOk();
			await("pushes after 400", WAIT, () -> receiver.accepted().size() > acceptedBeforeSlow);

			// Slow: each request gives up after the timeout; the application does not
			// wait with it.
			load.takeSlowest();
			long failuresBeforeSlow = this.exporter.failures();
			receiver.answerAfter(SLOW_ANSWER);
			await("two timeouts", WAIT, () -> this.exporter.failures() >= failuresBeforeSlow + 2);
			assertThat(pyroscopeStatus().get("lastError").toString()).contains("no answer").contains("within 1000 ms");
			assertThat(load.takeSlowest()).as("no request waited for the slow server").isLessThan(SLOW_ANSWER);
			int acceptedBeforeDown = receiver.accepted().size();
			receiver.answerOk();
			await("pushes after the slow server", WAIT, () -> receiver.accepted().size() > acceptedBeforeDown);

			// Down: windows pile up to the queue's capacity, then the oldest give way,
			// counted.
			long droppedBeforeDown = this.exporter.dropped();
			receiver.stop();
			long deadline = System.nanoTime() + WAIT.toNanos();
			int mostQueued = 0;
			while (this.exporter.dropped() < droppedBeforeDown + 2 && System.nanoTime() < deadline) {
				mostQueued = Math.max(mostQueued, this.exporter.queued());
				Thread.sleep(50);
			}
			assertThat(this.exporter.dropped()).as("oldest windows dropped")
				.isGreaterThanOrEqualTo(droppedBeforeDown + 2);
			assertThat(mostQueued).as("the queue is bounded").isBetween(1, QUEUE_CAPACITY);
			assertThat(pyroscopeStatus()).containsEntry("state", "retrying");
			assertThat(pyroscopeStatus().get("lastError").toString()).contains("cannot reach");
			assertThat(load.takeSlowest()).as("no request waited for the server that is down").isLessThan(SLOW_ANSWER);
			int acceptedWhileDown = receiver.accepted().size();
			receiver.start();
			await("pushes resumed once the server is back", WAIT,
					() -> receiver.accepted().size() >= acceptedWhileDown + QUEUE_CAPACITY);
			assertThat(pyroscopeStatus()).containsEntry("state", "running");

			assertThat(load.failures()).as("the application's requests").isEmpty();
			assertThat(load.requests()).isPositive();
		}
		// Hold the exporter in a back-off, so that no push is in flight, and stop it to
		// count.
		receiver.answer(503, "closing");
		await("a 503", WAIT, () -> receiver.count((r) -> r.answeredStatus() == 503) >= 1);
		this.exporter.close();
		List<Received> accepted = receiver.accepted();
		assertThat(counter("success")).isEqualTo(accepted.size()).isEqualTo(this.exporter.successes());
		long notAccepted = receiver.count((r) -> !r.accepted());
		assertThat(counter("failure")).isEqualTo(this.exporter.failures())
			.as("every answer but a timely 200, and the refused connections")
			.isGreaterThan(notAccepted);
		assertThat(counter("dropped")).isEqualTo(this.exporter.dropped());
		assertThat(this.registry.get("profiling.export.sent").functionCounter().count())
			.isEqualTo(accepted.stream().mapToLong((r) -> r.body().length).sum());
		for (Received request : receiver.received()) {
			assertThat(request.header("Authorization")).isEqualTo("Bearer t0ken");
			assertThat(request.header("X-Scope-OrgID")).as("no tenant configured").isNull();
			assertThat(request.decoded().seriesLabels()).containsEntry("service_name", "billing");
		}
	}

	private double counter(String result) {
		return this.registry.get("profiling.export.pushes").tag("result", result).functionCounter().count();
	}

	private Map<String, Object> pyroscopeStatus() {
		return this.endpoint.status().export().get("pyroscope");
	}

	private static Set<String> ids(List<Received> requests) {
		return requests.stream()
			.map((request) -> request.decoded().id())
			.collect(Collectors.toCollection(java.util.HashSet::new));
	}

}
