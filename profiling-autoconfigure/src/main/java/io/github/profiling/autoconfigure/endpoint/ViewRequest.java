package io.github.profiling.autoconfigure.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * A request for one view, {@code GET /actuator/profiling/{view}}, with its query
 * parameters as they came: each view parses those it takes through {@link ViewParameters}
 * and ignores the rest.
 *
 * @param view the selector: which view
 * @param seconds the length of the window that ends now, for the views of a window
 * @param tag a tag filter, {@code key:value} pairs separated by commas
 * @param thread a thread name filter
 * @param maxDepth the deepest frame to keep
 * @param minPercent the smallest share of the samples a frame keeps
 * @param interval the live view's interval between events
 * @param focus where every path starts: {@code app}, or packages and classes
 * @param window {@code startup}: what the application did until it was ready
 */
record ViewRequest(String view, @Nullable String seconds, @Nullable String tag, @Nullable String thread,
		@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval, @Nullable String focus,
		@Nullable String window) {

	/** A request for {@code view} without parameters. */
	static ViewRequest of(String view) {
		return new ViewRequest(view, null, null, null, null, null, null, null, null);
	}

}
