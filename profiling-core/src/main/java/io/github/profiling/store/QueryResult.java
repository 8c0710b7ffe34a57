package io.github.profiling.store;

import io.github.profiling.model.FrameTable;
import io.github.profiling.tree.CallTree;

import java.time.Instant;

/**
 * A merged call tree for a window, with the frames to name its nodes and the recording it
 * came from ({@code null} when nothing was ever recorded).
 */
public record QueryResult(CallTree tree, FrameTable frames, Instant from, Instant to, Recording recording) {

	public QueryResult(CallTree tree, FrameTable frames, Instant from, Instant to) {
		this(tree, frames, from, to, null);
	}

	/** Total weight in the window, equal to the root's DEEP. */
	public long samples() {
		return this.tree.total();
	}

}
