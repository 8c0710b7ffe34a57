package io.github.profiling.store;

/**
 * What a tree-shaped view asks of the store: a window, a tag filter, a thread-name substring,
 * and display pruning ({@code maxDepth}, {@code minPercent}).
 */
public record ProfileQuery(Window window, TagFilter tags, String thread, int maxDepth, double minPercent) {

	public static final int UNLIMITED_DEPTH = Integer.MAX_VALUE;

	public ProfileQuery {
		if (window == null) {
			window = Window.sinceStart();
		}
		if (tags == null) {
			tags = TagFilter.NONE;
		}
		if (thread != null && thread.isEmpty()) {
			thread = null;
		}
	}

	public static ProfileQuery all() {
		return new ProfileQuery(Window.sinceStart(), TagFilter.NONE, null, UNLIMITED_DEPTH, 0);
	}

	public ProfileQuery withWindow(Window window) {
		return new ProfileQuery(window, this.tags, this.thread, this.maxDepth, this.minPercent);
	}

}
