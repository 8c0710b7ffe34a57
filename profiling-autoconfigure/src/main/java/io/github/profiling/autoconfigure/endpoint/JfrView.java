package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.Profiler;
import io.github.profiling.sampler.JfrEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code jfr}: the raw JFR the running sampler keeps ({@code jfr}: the last minutes;
 * {@code async}: its current file). When it cannot be had now, a 409 says why (a state of
 * the profiler or of the server, not a fault); a 404 when the sampler records none.
 * Reasons never name a server path: the log has the details.
 */
final class JfrView implements ProfileView {

	private static final Log logger = LogFactory.getLog(JfrView.class);

	private final Profiler profiler;

	private final Downloads downloads;

	private final boolean includesEnvironment;

	/**
	 * @param includesEnvironment whether a download may hold the JVM's environment
	 */
	JfrView(Profiler profiler, Downloads downloads, boolean includesEnvironment) {
		this.profiler = profiler;
		this.downloads = downloads;
		this.includesEnvironment = includesEnvironment;
	}

	@Override
	public String name() {
		return "jfr";
	}

	@Override
	public ResponseEntity<?> answer(ViewRequest request) {
		ViewParameters.refuseWindow(request);
		// Not created here: a sampler without JFR never touches it, so a broken temporary
		// directory only matters to the samplers that write one. The name cannot be
		// guessed.
		Path file = Path.of(System.getProperty("java.io.tmpdir"), "profiling-export-" + UUID.randomUUID() + ".jfr");
		try {
			if (!this.profiler.writeJfr(file)) {
				return noRecording();
			}
			if (!this.includesEnvironment) {
				String found = JfrEnvironment.findIn(file);
				if (found != null) {
					return refused("the recording holds " + found
							+ " events, which can carry secrets: another JFR recording in this JVM records the"
							+ " environment; set management.profiling.jfr.include-environment=true to download it");
				}
			}
			return this.downloads.attachment(MediaType.APPLICATION_OCTET_STREAM, Instant.now(), "jfr")
				.body(Files.readAllBytes(file));
		}
		catch (IllegalStateException ex) {
			// The jfr sampler's stream between its creation and its start: a sampler
			// being switched.
			return refused("the sampler is being started or switched; try again in a moment");
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("The JFR export could not write the sampler's recording to " + file, ex);
			return refused("the sampler's JFR recording could not be written to a temporary file"
					+ " (is the temporary directory writable?) or the sampler is restarting; see the server log");
		}
		finally {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn("The JFR export could not delete its temporary file", ex);
			}
		}
	}

	private ResponseEntity<EndpointError> noRecording() {
		String sampler = this.profiler.activeSampler();
		return new EndpointError((sampler != null)
				? "the " + sampler + " sampler records no JFR; the jfr export needs the jfr or async sampler"
				: "no sampler is running, so there is no JFR recording", null)
			.answer(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static ResponseEntity<EndpointError> refused(String reason) {
		return new EndpointError(reason, null).answer(EndpointError.STATUS_CONFLICT);
	}

}
