package io.github.profiling.viewer.source;

import io.github.profiling.viewer.model.TreeDocument;

/** Receives what a tree source produces; called from the source's own threads. */
public interface TreeListener {

	void onTree(TreeDocument tree);

	/**
	 * The connection changed, or a problem worth showing happened.
	 * @param message what went wrong (e.g. the server's 400 error), or null when nothing
	 * did
	 */
	void onStatus(ConnectionStatus status, String message);

}
