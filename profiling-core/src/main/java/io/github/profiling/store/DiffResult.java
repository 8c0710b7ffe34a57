package io.github.profiling.store;

import io.github.profiling.model.FrameTable;
import io.github.profiling.tree.DiffTree;

import java.time.Instant;

/**
 * Two profiles on the same frames, for comparing them: the base's window and the compared
 * one's, each with its bounds, the frames to name their nodes and the recording both came
 * from ({@code null} when nothing was ever recorded).
 */
public record DiffResult(DiffTree tree, FrameTable frames, Instant baseFrom, Instant baseTo, Instant from, Instant to,
		Recording recording) {

	/** Total weight of the base, equal to its root's DEEP. */
	public long baseSamples() {
		return this.tree.base().total();
	}

	/** Total weight of the compared profile, equal to its root's DEEP. */
	public long samples() {
		return this.tree.compared().total();
	}

}
