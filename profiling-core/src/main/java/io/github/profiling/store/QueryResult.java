package io.github.profiling.store;

import io.github.profiling.sample.FrameTable;
import io.github.profiling.tree.CallTree;

import java.time.Instant;

/** A merged call tree for a window, with the frames to name its nodes. */
public record QueryResult(CallTree tree, FrameTable frames, Instant from, Instant to) {

	/** Total weight in the window, equal to the root's DEEP. */
	public long samples() {
		return this.tree.total();
	}

}
