package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.model.FrameTable;
import io.github.profiling.tree.CallTree;

import java.time.Instant;
import java.util.Map;

/**
 * A window's call trees, one per tag set, with the frames to name their nodes and the
 * recording they came from ({@code null} when nothing was ever recorded).
 */
public record TaggedTrees(Map<TagSet, CallTree> trees, FrameTable frames, Instant from, Instant to,
		Recording recording) {

	public TaggedTrees(Map<TagSet, CallTree> trees, FrameTable frames, Instant from, Instant to) {
		this(trees, frames, from, to, null);
	}

	public long samples() {
		return this.trees.values().stream().mapToLong(CallTree::total).sum();
	}

}
