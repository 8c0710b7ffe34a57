package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.FlameGraphPage;
import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.RequestProfiles;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;

/**
 * {@code flamegraph}: a self-contained HTML page of the tree of a window, to open or to
 * save; with a parameter of a base ({@code baseSeconds}, {@code baseOffset},
 * {@code baseTag}), the differential flame graph of that comparison, as {@code diff}
 * makes it.
 */
final class FlameGraphView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	private final Downloads downloads;

	private final DiffView diffs;

	private final KeptRequests keptRequests;

	FlameGraphView(Profiler profiler, ViewParameters parameters, TreeHeaders headers, Downloads downloads,
			DiffView diffs, KeptRequests keptRequests) {
		this.keptRequests = keptRequests;
		this.diffs = diffs;
		this.profiler = profiler;
		this.parameters = parameters;
		this.headers = headers;
		this.downloads = downloads;
	}

	@Override
	public String name() {
		return "flamegraph";
	}

	@Override
	public ResponseEntity<byte[]> answer(ViewRequest request) {
		if (request.hasBase()) {
			DiffView.Comparison comparison = this.diffs.compare(request);
			String title = this.downloads.applicationName() + " — " + comparison.header().event()
					+ " differential flame graph";
			String html = FlameGraphPage.write(comparison.header(), comparison.result(), title);
			return this.downloads.inline(Downloads.TEXT_HTML_UTF8, comparison.result().to(), "flamegraph-diff.html")
				.header(Downloads.CONTENT_SECURITY_POLICY, PagePolicy.FLAME_GRAPH)
				.body(html.getBytes(StandardCharsets.UTF_8));
		}
		if (request.request() != null) {
			RequestProfiles.RequestTree kept = this.keptRequests.tree(request);
			TreeJson.Header header = this.headers.of(kept.result().recording());
			String title = this.downloads.applicationName() + " — " + header.event() + " flame graph of request "
					+ kept.request().id() + " (" + KeptRequests.describe(kept.request()) + ")";
			String html = FlameGraphPage.write(header, kept.result(), title, kept.request());
			return this.downloads
				.inline(Downloads.TEXT_HTML_UTF8, kept.result().to(),
						"flamegraph-request-" + kept.request().id() + ".html")
				.header(Downloads.CONTENT_SECURITY_POLICY, PagePolicy.FLAME_GRAPH)
				.body(html.getBytes(StandardCharsets.UTF_8));
		}
		QueryResult result = this.profiler.query(this.parameters.tree(request));
		TreeJson.Header header = this.headers.of(result.recording());
		String title = this.downloads.applicationName() + " — " + header.event() + " flame graph";
		String html = FlameGraphPage.write(header, result, title);
		return this.downloads.inline(Downloads.TEXT_HTML_UTF8, result.to(), "flamegraph.html")
			.header(Downloads.CONTENT_SECURITY_POLICY, PagePolicy.FLAME_GRAPH)
			.body(html.getBytes(StandardCharsets.UTF_8));
	}

}
