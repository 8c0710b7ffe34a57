package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The async sampler's temporary directory removed under load, as temp-directory cleaners
 * do: the endpoint's status says {@code degraded} with the reason during the gap, and
 * samples flow again within 5 s.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=async", "management.profiling.interval=5ms" })
class AsyncRecoveryEndpointTests {

	@LocalServerPort
	int port;

	@Test
	void removedDirectoryShowsDegradedThenSamplesFlowAgain() throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		Thread load = new Thread(() -> {
			try {
				client.load("/4000", 2, 3000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "recovery-load");
		load.setDaemon(true);
		load.start();
		awaitSamples(client, 50);

		removeRecursively(recordingDirectory());
		long removedAt = System.nanoTime();
		long samplesAtRemoval = samples(client);
		List<String> reasons = new ArrayList<>();
		long resumedAt = 0;
		while (System.nanoTime() - removedAt < 10_000_000_000L) {
			JsonNode status = client.getJson(client.profiling(""));
			if ("degraded".equals(status.get("state").asString())) {
				assertThat(status.get("running").asBoolean()).isTrue();
				reasons.add(status.get("degradedReason").asString());
			}
			else if (!reasons.isEmpty() && "running".equals(status.get("state").asString())
					&& status.get("samples").asLong() >= samplesAtRemoval + 50) {
				resumedAt = System.nanoTime();
				break;
			}
			Thread.sleep(20);
		}
		assertThat(reasons).as("the status said degraded during the gap").isNotEmpty();
		assertThat(reasons.get(0)).contains("was removed").contains("restarting the recording");
		assertThat(resumedAt).as("samples flowed again").isPositive();
		assertThat(resumedAt - removedAt).isLessThan(5_000_000_000L);
		load.interrupt();
	}

	/**
	 * The directory of this JVM's recording, found by the file the JVM has open in it.
	 */
	private static Path recordingDirectory() throws Exception {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			List<Path> recordings = descriptors.map((fd) -> {
				try {
					return Files.readSymbolicLink(fd);
				}
				catch (Exception ex) {
					return null;
				}
			})
				.filter((target) -> target != null && target.getParent() != null
						&& target.getParent().getFileName().toString().startsWith("profiling-async-"))
				.map(Path::getParent)
				.distinct()
				.toList();
			assertThat(recordings).hasSize(1);
			return recordings.get(0);
		}
	}

	private static void removeRecursively(Path directory) throws Exception {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static long samples(EndpointClient client) {
		return client.getJson(client.profiling("")).get("samples").asLong();
	}

	private static void awaitSamples(EndpointClient client, long count) throws InterruptedException {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (samples(client) < count && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(samples(client)).isGreaterThanOrEqualTo(count);
	}

}
