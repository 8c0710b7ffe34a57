package io.github.profiling.viewer.source;

import java.util.concurrent.CompletableFuture;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.SlowRequests;

/** The slow requests a live server keeps, each with its own call tree. */
public interface KeptRequests {

	/** The kept requests of the tags and window in use, slowest first. */
	CompletableFuture<SlowRequests> list();

	/**
	 * One request's own tree; fails with {@link EndpointFailureException} saying so when
	 * the server no longer keeps it.
	 */
	CompletableFuture<RequestTree> open(String id);

}
