package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.CollapsedStacks;
import io.github.profiling.export.FlameGraphPage;
import io.github.profiling.export.Pprof;
import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

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

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private static final MediaType TEXT_HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

	private final Profiler profiler;

	private final Supplier<TreeJson.Header> header;

	private final String applicationName;

	Exports(Profiler profiler, Supplier<TreeJson.Header> header, String applicationName) {
		this.profiler = profiler;
		this.header = header;
		this.applicationName = applicationName.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	ResponseEntity<byte[]> flameGraph(ProfileQuery query) {
		QueryResult result = this.profiler.query(query);
		String title = this.applicationName + " — " + this.header.get().event() + " flame graph";
		String html = FlameGraphPage.write(this.header.get(), result, title);
		return file(html.getBytes(StandardCharsets.UTF_8), TEXT_HTML_UTF8, false,
				fileName(result.to(), "flamegraph.html"));
	}

	ResponseEntity<byte[]> collapsed(ProfileQuery query) {
		QueryResult result = this.profiler.query(query);
		return file(CollapsedStacks.write(result).getBytes(StandardCharsets.UTF_8), TEXT_PLAIN_UTF8, false,
				fileName(result.to(), "collapsed.txt"));
	}

	ResponseEntity<byte[]> pprof(ProfileQuery query) {
		var trees = this.profiler.queryByTags(query);
		var settings = this.profiler.settings();
		Pprof.Units units = this.profiler.holdsCalls() ? Pprof.Units.ofTracing()
				: Pprof.Units.ofSampling(settings.event().id(), settings.interval().toNanos());
		byte[] profile = Pprof.writeGzipped(trees, units);
		return file(profile, MediaType.APPLICATION_OCTET_STREAM, true, fileName(trees.to(), "pb.gz"));
	}

	/**
	 * The raw JFR the running sampler keeps ({@code jfr}: the last minutes; {@code async}: its
	 * current file), or {@code null} when it records none.
	 */
	ResponseEntity<byte[]> jfr() throws IOException {
		Path file = Files.createTempFile("profiling-export-", ".jfr");
		try {
			if (!this.profiler.writeJfr(file)) {
				return null;
			}
			return file(Files.readAllBytes(file), MediaType.APPLICATION_OCTET_STREAM, true,
					fileName(java.time.Instant.now(), "jfr"));
		}
		finally {
			Files.deleteIfExists(file);
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
