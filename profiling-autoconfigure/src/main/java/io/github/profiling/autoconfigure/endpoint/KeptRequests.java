package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.Profiler;
import io.github.profiling.context.TagSet;
import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.RequestProfiles;
import io.github.profiling.store.TaggedTrees;

import java.util.Map;

/**
 * What the views of one tree answer with {@code request=ID}: that kept request's own
 * tree, or a 404 once it is no longer kept.
 */
final class KeptRequests {

	private final Profiler profiler;

	private final ViewParameters parameters;

	KeptRequests(Profiler profiler, ViewParameters parameters) {
		this.profiler = profiler;
		this.parameters = parameters;
	}

	/**
	 * The tree of the request {@code request.request()} names, pruned and focused as the
	 * request asks.
	 * @throws NotKeptException if no such request is kept (any more)
	 */
	RequestProfiles.RequestTree tree(ViewRequest request) {
		String id = ViewParameters.requestId(request.request());
		RequestProfiles.RequestTree tree = this.profiler.requests().tree(id, this.parameters.requestTree(request));
		if (tree == null) {
			throw new NotKeptException(id);
		}
		return tree;
	}

	/**
	 * The request's own tree as pprof writes it: under its tags, with its trace's labels
	 * when known.
	 */
	TaggedTrees taggedTree(ViewRequest request) {
		ProfileQuery query = this.parameters.requestTree(request);
		if (query.maxDepth() != ProfileQuery.UNLIMITED_DEPTH || query.minPercent() > 0) {
			throw new InvalidSettingException((request.maxDepth() != null) ? "maxDepth" : "minPercent",
					"pprof holds every frame: maxDepth and minPercent do not go with it");
		}
		RequestProfiles.RequestTree tree = tree(request);
		RequestProfiles.Request kept = tree.request();
		TagSet tags = kept.tags();
		if (kept.traceId() != null) {
			tags = tags.with(TagSet.of(Map.of(RequestProfiles.TRACE_ID_LABEL, kept.traceId(),
					RequestProfiles.SPAN_ID_LABEL, (kept.spanId() != null) ? kept.spanId() : "")));
		}
		QueryResult result = tree.result();
		return new TaggedTrees(Map.of(tags, result.tree()), result.frames(), result.from(), result.to(),
				result.recording());
	}

	/** A request's route and duration, for titles. */
	static String describe(RequestProfiles.Request request) {
		String route = request.tags().get("http.route");
		String method = request.tags().get("http.method");
		String what = ((method != null) ? method + " " : "") + ((route != null) ? route : request.tags().toString());
		return what + ", " + Math.round(request.durationMillis()) + " ms";
	}

	/** No request of that id is kept: it was never slow enough, or it expired. */
	static final class NotKeptException extends RuntimeException {

		NotKeptException(String id) {
			super("no request " + id + " is kept: only the slowest requests of each route and minute are, "
					+ "for the retention; GET requests lists them");
		}

	}

}
