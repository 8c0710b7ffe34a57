package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.CollapsedStacks;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.QueryResult;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;

/**
 * {@code collapsed}: the stacks of a window as text, one line per stack with its weight.
 */
final class CollapsedView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final Downloads downloads;

	private final KeptRequests keptRequests;

	CollapsedView(Profiler profiler, ViewParameters parameters, Downloads downloads, KeptRequests keptRequests) {
		this.keptRequests = keptRequests;
		this.profiler = profiler;
		this.parameters = parameters;
		this.downloads = downloads;
	}

	@Override
	public String name() {
		return "collapsed";
	}

	@Override
	public ResponseEntity<byte[]> answer(ViewRequest request) {
		QueryResult result = (request.request() != null) ? this.keptRequests.tree(request).result()
				: this.profiler.query(this.parameters.tree(request));
		return this.downloads.inline(Downloads.TEXT_PLAIN_UTF8, result.to(), "collapsed.txt")
			.body(CollapsedStacks.write(result).getBytes(StandardCharsets.UTF_8));
	}

}
