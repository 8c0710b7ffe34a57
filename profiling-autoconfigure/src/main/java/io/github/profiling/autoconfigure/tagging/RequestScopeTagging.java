package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.store.RequestProfiles;
import io.github.profiling.profiler.Profiler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import java.util.List;

/**
 * What the servlet and the reactive request tagging share: a profiling scope opened with
 * each opening of the request's observation scope on a thread, and closed with it on the
 * same thread, with the request's tags read once per request. While the profiler is not
 * running every observation is declined, so request tagging then costs one volatile read
 * per request.
 *
 * @param <C> the server's kind of request observation context
 */
public abstract class RequestScopeTagging<C extends Observation.Context> implements ObservationHandler<C> {

	private final Profiler profiler;

	private final Class<C> contextType;

	/** The request headers to tag with. */
	protected final List<String> headers;

	private final TraceIds traceIds;

	RequestScopeTagging(Profiler profiler, Class<C> contextType, List<String> headers, TraceIds traceIds) {
		this.profiler = profiler;
		this.traceIds = traceIds;
		this.contextType = contextType;
		this.headers = List.copyOf(headers);
	}

	/** The tags of the request observed by {@code context}. */
	abstract RequestTags newTags(C context);

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.contextType.isInstance(context) && this.profiler.isRunning();
	}

	@Override
	public void onScopeOpened(C context) {
		RequestTags tags = context.get(RequestTags.class);
		if (tags == null) {
			tags = newTags(context);
			context.put(RequestTags.class, tags);
		}
		OpenScopes scopes = context.computeIfAbsent(OpenScopes.class, (key) -> new OpenScopes());
		scopes.push(ProfilingContext.global().openScope(null, tags, tags.requestId));
	}

	/**
	 * The request ended: the profiler decides whether to keep its own tree, among the
	 * slowest of its route.
	 */
	@Override
	public void onStop(C context) {
		RequestTags tags = context.get(RequestTags.class);
		RequestProfiles requests = this.profiler.requests();
		if (tags != null && requests.requestEnded(tags.requestId,
				ProfilingContext.global().tagSets().intern(tags.tags()), tags.startNanos, System.nanoTime())) {
			String[] ids = this.traceIds.of(context);
			if (ids != null) {
				requests.traceIdsOf(tags.requestId, ids[0], ids[1]);
			}
		}
	}

	@Override
	public void onScopeClosed(C context) {
		OpenScopes scopes = context.get(OpenScopes.class);
		if (scopes != null) {
			scopes.closeInnermostOfCurrentThread();
		}
	}

}
