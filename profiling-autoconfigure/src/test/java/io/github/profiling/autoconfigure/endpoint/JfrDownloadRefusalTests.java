package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerFailures;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /jfr} answers a state of the profiler or the server with 409 and a reason that
 * names no server path: a jfr sampler whose stream is not started yet (while being
 * switched), a recording that cannot be written, a recording that holds the JVM's
 * environment.
 */
class JfrDownloadRefusalTests {

	private Profiler profiler;

	@AfterEach
	void close() {
		if (this.profiler != null) {
			this.profiler.close();
		}
	}

	@Test
	void aSamplerBeingSwitchedIsAConflict() {
		EndpointError body = refusedWith(new IllegalStateException("Recording stream has not been started"));
		assertThat(body.error()).contains("being started or switched");
		assertThat(body.parameter()).isNull();
	}

	@Test
	void anUnwritableTemporaryFileIsAConflictThatNamesNoPath() {
		String path = System.getProperty("java.io.tmpdir");
		EndpointError body = refusedWith(new AccessDeniedException(path + "/profiling-export-1.jfr"));
		assertThat(body.error()).contains("temporary").doesNotContain(path);
	}

	@Test
	void environmentBroughtInByAnotherRecordingIsRefused() throws Exception {
		// A recording of the application's own (as -XX:StartFlightRecording) shares the
		// JVM's chunks.
		try (Recording own = new Recording()) {
			own.enable("jdk.InitialSystemProperty");
			own.start();
			this.profiler = new Profiler(List.of(new JfrSamplerProvider()), new ProfilingContext(100, 100),
					ProfilingClock.SYSTEM, Duration.ofMinutes(1), 1000);
			this.profiler.apply(new ProfilerSettings(Mode.SAMPLING, "jfr", SamplingEvent.CPU, Duration.ofMillis(10)));
			EndpointError body = null;
			for (int i = 0; i < 50 && body == null; i++) {
				// Until the stream has started and flushed its first chunk.
				Thread.sleep(100);
				ResponseEntity<?> answer = endpoint().view("jfr", null, null, null, null, null, null, null, null, null,
						null, null, null, null, null);
				if (answer.getStatusCode().value() == 409 && answer.getBody() instanceof EndpointError error
						&& error.error().contains("InitialSystemProperty")) {
					body = error;
				}
			}
			assertThat(body).as("a 409 naming the event").isNotNull();
			assertThat(body.error()).contains("management.profiling.jfr.include-environment=true");
		}
	}

	private ProfilingEndpoint endpoint() {
		return new ProfilingEndpoint(this.profiler, new LiveStreams(this.profiler, 1), Duration.ofMinutes(1),
				Duration.ofSeconds(1), "app", false, false, List.of());
	}

	private EndpointError refusedWith(Exception failure) {
		this.profiler = new Profiler(List.of(new FailingJfr(failure)), new ProfilingContext(100, 100),
				ProfilingClock.SYSTEM, Duration.ofMinutes(1), 1000);
		this.profiler.apply(new ProfilerSettings(Mode.SAMPLING, "failing", SamplingEvent.CPU, Duration.ofMillis(10)));
		assertThat(this.profiler.activeSampler()).isEqualTo("failing");
		ProfilingEndpoint endpoint = new ProfilingEndpoint(this.profiler, new LiveStreams(this.profiler, 1),
				Duration.ofMinutes(1), Duration.ofSeconds(1), "app", false, false, List.of());
		ResponseEntity<?> answer = endpoint.view("jfr", null, null, null, null, null, null, null, null, null, null,
				null, null, null, null);
		assertThat(answer.getStatusCode().value()).isEqualTo(409);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		return (EndpointError) answer.getBody();
	}

	/** A sampler whose JFR export fails as a real one can. */
	private record FailingJfr(Exception failure) implements SamplerProvider {

		@Override
		public String name() {
			return "failing";
		}

		@Override
		public Availability availability() {
			return Availability.yes("test");
		}

		@Override
		public boolean supports(SamplingEvent event) {
			return true;
		}

		@Override
		public Sampler start(SamplerSettings settings, SampleSink sink, Environment environment) {
			SamplerFailures failures = new SamplerFailures();
			return new Sampler() {

				@Override
				public SamplerFailures failures() {
					return failures;
				}

				@Override
				public boolean writeJfr(Path target) throws IOException {
					if (FailingJfr.this.failure instanceof IOException io) {
						throw io;
					}
					throw (RuntimeException) FailingJfr.this.failure;
				}

				@Override
				public void close() {
				}

			};
		}

	}

}
