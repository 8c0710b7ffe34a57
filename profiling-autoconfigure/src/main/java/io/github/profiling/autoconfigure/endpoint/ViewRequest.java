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
 * @param offset how many seconds before now the window of {@code seconds} ends
 * @param baseSeconds the length of the base window of a comparison
 * @param baseOffset how many seconds before now the base window ends
 * @param baseTag the tag filter of the base of a comparison
 * @param request the id of a kept request, whose own tree a view of one tree shows
 * @param limit how many kept requests {@code requests} lists at most
 */
record ViewRequest(String view, @Nullable String seconds, @Nullable String tag, @Nullable String thread,
		@Nullable String maxDepth, @Nullable String minPercent, @Nullable String interval, @Nullable String focus,
		@Nullable String window, @Nullable String offset, @Nullable String baseSeconds, @Nullable String baseOffset,
		@Nullable String baseTag, @Nullable String request, @Nullable String limit) {

	/** A request for {@code view} without parameters. */
	static ViewRequest of(String view) {
		return new ViewRequest(view, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null);
	}

	/** Whether any parameter of the base of a comparison is given. */
	boolean hasBase() {
		return this.baseSeconds != null || this.baseOffset != null || this.baseTag != null;
	}

}
