package io.github.profiling.viewer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.SlowRequests;
import io.github.profiling.viewer.source.EndpointFailureException;
import io.github.profiling.viewer.source.KeptRequests;

/**
 * The kept requests of {@link FakeProfilingServer#REQUESTS_JSON}, answered at once; only
 * request 1842 still has its tree.
 */
public final class FakeKeptRequests implements KeptRequests {

	public final List<String> opened = new ArrayList<>();

	/** When set, the next listings fail with it. */
	public RuntimeException listFailure;

	/** When set, what the next trees asked for answer: complete it to answer late. */
	public CompletableFuture<RequestTree> lateTree;

	@Override
	public CompletableFuture<SlowRequests> list() {
		if (listFailure != null) {
			return CompletableFuture.failedFuture(listFailure);
		}
		return CompletableFuture.completedFuture(SlowRequests.parse(FakeProfilingServer.REQUESTS_JSON));
	}

	@Override
	public CompletableFuture<RequestTree> open(String id) {
		opened.add(id);
		if (lateTree != null) {
			return lateTree;
		}
		if (!id.equals("1842")) {
			return CompletableFuture.failedFuture(new EndpointFailureException(
					"no longer kept by the server (HTTP 404: no request " + id + " is kept)"));
		}
		return CompletableFuture.completedFuture(RequestTree.parse(FakeProfilingServer.REQUEST_1842_TREE_JSON));
	}

}
