package io.github.profiling.viewer.source;

/** Where the viewer's trees come from: a live endpoint or a saved file. */
public interface TreeSource extends AutoCloseable {

	/** Starts delivering trees and status changes to the listener. Returns at once. */
	void start(TreeListener listener);

	/** The endpoint URL or file path, for the header. */
	String location();

	/**
	 * What chooses the tags of a live source, or null for a source that cannot filter.
	 */
	TagChooser tagChooser();

	/** The slow requests of a live source, or null for a source that keeps none. */
	KeptRequests keptRequests();

	@Override
	void close();

}
