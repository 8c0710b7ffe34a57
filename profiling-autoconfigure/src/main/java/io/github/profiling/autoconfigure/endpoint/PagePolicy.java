package io.github.profiling.autoconfigure.endpoint;

/**
 * The {@code Content-Security-Policy} of the endpoint's HTML pages: each is one
 * self-contained document (inline script and style, a {@code data:} icon), so the browser
 * is told to load nothing else, and to send no request but the viewer's own to this
 * server.
 */
final class PagePolicy {

	private static final String PAGE_ITSELF = "default-src 'none'; script-src 'unsafe-inline'; "
			+ "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

	/** The live viewer reads the status, trees and live streams of this endpoint. */
	static final String VIEWER = PAGE_ITSELF + "; connect-src 'self'";

	/** A flame graph page carries its data and asks no server for anything. */
	static final String FLAME_GRAPH = PAGE_ITSELF + "; connect-src 'none'";

	private PagePolicy() {
	}

}
