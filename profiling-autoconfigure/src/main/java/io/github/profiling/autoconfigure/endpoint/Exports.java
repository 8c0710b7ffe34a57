package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.CollapsedStacks;
import io.github.profiling.export.FlameGraphPage;
import io.github.profiling.export.Pprof;
import io.github.profiling.export.TreeJson;
import io.github.profiling.export.ViewerPage;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.sampler.JfrEnvironment;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.Recording;
import io.github.profiling.store.TaggedTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The views that leave the server as files: flame graph page, collapsed stacks and pprof. Each
 * carries a {@code Content-Disposition} naming the application and the end of the window, so
 * that saved profiles of several services and times do not overwrite each other.
 */
final class Exports {

	private static final Log logger = LogFactory.getLog(Exports.class);

	private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private static final MediaType TEXT_HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

	private final Profiler profiler;

	private final Function<Recording, TreeJson.Header> header;

	private final String applicationName;

	private final boolean jfrIncludesEnvironment;

	Exports(Profiler profiler, Function<Recording, TreeJson.Header> header, String applicationName,
			boolean jfrIncludesEnvironment) {
		this.profiler = profiler;
		this.header = header;
		this.applicationName = applicationName.replaceAll("[^A-Za-z0-9._-]", "_");
		this.jfrIncludesEnvironment = jfrIncludesEnvironment;
	}

	/** The live viewer, which talks to this endpoint only. */
	ResponseEntity<String> viewerPage() {
		return ResponseEntity.ok()
			.contentType(TEXT_HTML_UTF8)
			.header(CONTENT_SECURITY_POLICY, PagePolicy.VIEWER)
			.body(ViewerPage.html());
	}

	ResponseEntity<byte[]> flameGraph(ProfileQuery query) {
		QueryResult result = this.profiler.query(query);
		TreeJson.Header header = this.header.apply(result.recording());
		String title = this.applicationName + " — " + header.event() + " flame graph";
		String html = FlameGraphPage.write(header, result, title);
		ResponseEntity<byte[]> page = file(html.getBytes(StandardCharsets.UTF_8), TEXT_HTML_UTF8, false,
				fileName(result.to(), "flamegraph.html"));
		return ResponseEntity.status(page.getStatusCode())
			.headers(page.getHeaders())
			.header(CONTENT_SECURITY_POLICY, PagePolicy.FLAME_GRAPH)
			.body(page.getBody());
	}

	ResponseEntity<byte[]> collapsed(ProfileQuery query) {
		QueryResult result = this.profiler.query(query);
		return file(CollapsedStacks.write(result).getBytes(StandardCharsets.UTF_8), TEXT_PLAIN_UTF8, false,
				fileName(result.to(), "collapsed.txt"));
	}

	ResponseEntity<byte[]> pprof(ProfileQuery query) {
		TaggedTrees trees = this.profiler.queryByTags(query);
		// The units of the data itself, whatever the settings are now.
		Pprof.Units units = Pprof.Units.of(trees.recording());
		byte[] profile = Pprof.writeGzipped(trees, units);
		return file(profile, MediaType.APPLICATION_OCTET_STREAM, true, fileName(trees.to(), "pb.gz"));
	}

	/**
	 * The raw JFR the running sampler keeps ({@code jfr}: the last minutes; {@code async}: its
	 * current file); or why it cannot be had now; or neither when the sampler records none.
	 * Reasons never name a server path: the log has the details.
	 */
	JfrDownload jfr() {
		// Not created here: a sampler without JFR never touches it, so a broken temporary
		// directory only matters to the samplers that write one. The name cannot be guessed.
		Path file = Path.of(System.getProperty("java.io.tmpdir"), "profiling-export-" + UUID.randomUUID() + ".jfr");
		try {
			if (!this.profiler.writeJfr(file)) {
				return JfrDownload.NONE;
			}
			if (!this.jfrIncludesEnvironment) {
				String found = JfrEnvironment.findIn(file);
				if (found != null) {
					return JfrDownload.refused("the recording holds " + found
							+ " events, which can carry secrets: another JFR recording in this JVM records the"
							+ " environment; set management.profiling.jfr.include-environment=true to download it");
				}
			}
			return new JfrDownload(file(Files.readAllBytes(file), MediaType.APPLICATION_OCTET_STREAM, true,
					fileName(java.time.Instant.now(), "jfr")), null);
		}
		catch (IllegalStateException ex) {
			// The jfr sampler's stream between its creation and its start: a sampler being switched.
			return JfrDownload.refused("the sampler is being started or switched; try again in a moment");
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("The JFR export could not write the sampler's recording to " + file, ex);
			return JfrDownload.refused("the sampler's JFR recording could not be written to a temporary file"
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

	/** A JFR download: the file, or why there is none now, or neither (no recording). */
	record JfrDownload(ResponseEntity<byte[]> file, String refusal) {

		static final JfrDownload NONE = new JfrDownload(null, null);

		static JfrDownload refused(String reason) {
			return new JfrDownload(null, reason);
		}

	}

	private String fileName(java.time.Instant time, String extension) {
		return this.applicationName + "-" + FILE_TIME.format(time) + "." + extension;
	}

	private static ResponseEntity<byte[]> file(byte[] body, MediaType type, boolean attachment, String name) {
		ContentDisposition disposition = (attachment ? ContentDisposition.attachment() : ContentDisposition.inline())
			.filename(name)
			.build();
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.body(body);
	}

}
