package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TimelineJson;
import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.Timeline;

import org.springframework.http.ResponseEntity;

/**
 * {@code timeline}: the weight of each tag set per second over the retention (or the
 * window asked for), as JSON. Bounded: at most {@link #MAX_POINTS} steps (a step then
 * spans several seconds) and {@link #MAX_SERIES} tag sets, the heaviest, with the rest
 * summed in {@code others}.
 */
final class TimelineView implements ProfileView {

	static final int MAX_POINTS = 600;

	static final int MAX_SERIES = 20;

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	TimelineView(Profiler profiler, ViewParameters parameters, TreeHeaders headers) {
		this.profiler = profiler;
		this.parameters = parameters;
		this.headers = headers;
	}

	@Override
	public String name() {
		return "timeline";
	}

	@Override
	public ResponseEntity<String> answer(ViewRequest request) {
		ProfileQuery query = this.parameters.timeline(request);
		Timeline timeline = this.profiler.timeline(query, MAX_POINTS, MAX_SERIES);
		TreeJson.Header header = this.headers.of(timeline.recording());
		if (timeline.samples() == 0 && !query.tags().isEmpty()) {
			header = header.withHint(TagHints.noMatch(query.tags(), this.profiler.knownTagSets()));
		}
		return ProfileView.json(TimelineJson.write(header, timeline));
	}

}
