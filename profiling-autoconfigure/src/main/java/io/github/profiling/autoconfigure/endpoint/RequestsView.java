package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.RequestsJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.RequestProfiles;

import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;

/**
 * {@code requests}: the kept slowest requests whose tags match {@code tag} and that began
 * in the window, slowest first, at most {@code limit}; each opens with
 * {@code tree?request=ID}.
 */
final class RequestsView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final TreeHeaders headers;

	RequestsView(Profiler profiler, ViewParameters parameters, TreeHeaders headers) {
		this.profiler = profiler;
		this.parameters = parameters;
		this.headers = headers;
	}

	@Override
	public String name() {
		return "requests";
	}

	@Override
	public ResponseEntity<String> answer(ViewRequest request) {
		ProfileQuery query = this.parameters.requests(request);
		int limit = ViewParameters.limit(request.limit());
		RequestProfiles requests = this.profiler.requests();
		List<RequestProfiles.Request> kept = requests.requests(query.tags(), query.window(), limit);
		Instant to = Instant.now();
		Instant from = kept.stream().map(RequestProfiles.Request::start).min(Instant::compareTo).orElse(to);
		return ProfileView
			.json(RequestsJson.write(this.headers.of(this.profiler.recording()), from, to, requests.settings(), kept));
	}

}
