package io.github.profiling.store;

/**
 * What a tree-shaped view asks of the store: a window, a tag filter, a thread-name
 * substring, display pruning ({@code maxDepth}, {@code minPercent}), and a
 * {@link FrameFocus} where the view starts at chosen code ({@code null}: at the threads'
 * first frames).
 */
public record ProfileQuery(Window window, TagFilter tags, String thread, int maxDepth, double minPercent,
		FrameFocus focus) {

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

	public ProfileQuery(Window window, TagFilter tags, String thread, int maxDepth, double minPercent) {
		this(window, tags, thread, maxDepth, minPercent, null);
	}

	public static ProfileQuery all() {
		return new ProfileQuery(Window.sinceStart(), TagFilter.NONE, null, UNLIMITED_DEPTH, 0);
	}

	public ProfileQuery withWindow(Window window) {
		return new ProfileQuery(window, this.tags, this.thread, this.maxDepth, this.minPercent, this.focus);
	}

	/** This query without display pruning: every frame, at every depth. */
	public ProfileQuery unpruned() {
		return new ProfileQuery(this.window, this.tags, this.thread, UNLIMITED_DEPTH, 0, this.focus);
	}

	public ProfileQuery withFocus(FrameFocus focus) {
		return new ProfileQuery(this.window, this.tags, this.thread, this.maxDepth, this.minPercent, focus);
	}

}
