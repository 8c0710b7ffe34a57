package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.RequestProfiles;

import org.springframework.http.ResponseEntity;

/**
 * {@code tree}: the call tree of a window as JSON; when a tag filter matches nothing, a
 * hint names the values its keys do have.
 */
final class TreeView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	private final KeptRequests keptRequests;

	TreeView(Profiler profiler, ViewParameters parameters, TreeHeaders headers, KeptRequests keptRequests) {
		this.keptRequests = keptRequests;
		this.profiler = profiler;
		this.parameters = parameters;
		this.headers = headers;
	}

	@Override
	public String name() {
		return "tree";
	}

	@Override
	public ResponseEntity<String> answer(ViewRequest request) {
		if (request.request() != null) {
			RequestProfiles.RequestTree kept = this.keptRequests.tree(request);
			return ProfileView
				.json(TreeJson.write(this.headers.of(kept.result().recording()), kept.result(), kept.request()));
		}
		ProfileQuery query = this.parameters.tree(request);
		QueryResult result = this.profiler.query(query);
		TreeJson.Header header = this.headers.of(result.recording());
		if (result.samples() == 0 && !query.tags().isEmpty()) {
			header = header.withHint(TagHints.noMatch(query.tags(), this.profiler.knownTagSets()));
		}
		return ProfileView.json(TreeJson.write(header, result));
	}

}
