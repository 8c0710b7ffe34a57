package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.DiffJson;
import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.DiffResult;
import io.github.profiling.store.TagFilter;

import org.springframework.http.ResponseEntity;

/**
 * {@code diff}: two call trees on the same frames as JSON, a base and the profile
 * compared with it, each chosen by its window and tag filter (by default the last
 * {@code seconds} against the seconds before them); when a tag filter of either side
 * matches nothing, a hint names the values its keys do have.
 */
final class DiffView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	DiffView(Profiler profiler, ViewParameters parameters, TreeHeaders headers) {
		this.profiler = profiler;
		this.parameters = parameters;
		this.headers = headers;
	}

	@Override
	public String name() {
		return "diff";
	}

	@Override
	public ResponseEntity<String> answer(ViewRequest request) {
		Comparison comparison = compare(request);
		return ProfileView.json(DiffJson.write(comparison.header(), comparison.result()));
	}

	/** The comparison a request asks for, with its labels. */
	Comparison compare(ViewRequest request) {
		ViewParameters.Comparison queries = this.parameters.diff(request);
		DiffResult result = this.profiler.diff(queries.base(), queries.compared());
		TreeJson.Header header = this.headers.of(result.recording());
		String hint = null;
		if (result.samples() == 0 && !queries.compared().tags().isEmpty()) {
			hint = noMatch(queries.compared().tags());
		}
		// Without a baseTag the base has the compared filter itself, already told about.
		if (result.baseSamples() == 0 && !queries.base().tags().isEmpty()
				&& queries.base().tags() != queries.compared().tags()) {
			hint = ((hint != null) ? hint + "; and in the base, " : "in the base, ") + noMatch(queries.base().tags());
		}
		return new Comparison((hint != null) ? header.withHint(hint) : header, result);
	}

	private String noMatch(TagFilter tags) {
		return TagHints.noMatch(tags, this.profiler.knownTagSets());
	}

	/** A comparison and the labels of its recording. */
	record Comparison(TreeJson.Header header, DiffResult result) {
	}

}
