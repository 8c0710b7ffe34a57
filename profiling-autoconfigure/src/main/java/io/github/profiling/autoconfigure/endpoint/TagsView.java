package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TagSharesJson;
import io.github.profiling.profiler.Profiler;

import org.springframework.http.ResponseEntity;

/** {@code tags}: the share of the samples of each set of tags in a window, as JSON. */
final class TagsView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	TagsView(Profiler profiler, ViewParameters parameters) {
		this.profiler = profiler;
		this.parameters = parameters;
	}

	@Override
	public String name() {
		return "tags";
	}

	@Override
	public ResponseEntity<String> answer(ViewRequest request) {
		return ProfileView.json(TagSharesJson.write(this.profiler.tagShares(this.parameters.unfocused(request))));
	}

}
