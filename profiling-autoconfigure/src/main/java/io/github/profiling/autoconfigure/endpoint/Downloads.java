package io.github.profiling.autoconfigure.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answers of the views that leave the server as files: each carries a
 * {@code Content-Disposition} naming the application and the end of the window, so that
 * saved profiles of several services and times do not overwrite each other.
 */
final class Downloads {

	static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

	static final MediaType TEXT_HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final String applicationName;

	Downloads(String applicationName) {
		this.applicationName = applicationName.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/** A file the browser shows: a page, text. */
	ResponseEntity.BodyBuilder inline(MediaType type, Instant end, String extension) {
		return file(ContentDisposition.inline(), type, end, extension);
	}

	/** A file the browser saves: a profile for another tool. */
	ResponseEntity.BodyBuilder attachment(MediaType type, Instant end, String extension) {
		return file(ContentDisposition.attachment(), type, end, extension);
	}

	private ResponseEntity.BodyBuilder file(ContentDisposition.Builder disposition, MediaType type, Instant end,
			String extension) {
		String name = this.applicationName + "-" + FILE_TIME.format(end) + "." + extension;
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(name).build().toString());
	}

	String applicationName() {
		return this.applicationName;
	}

}
