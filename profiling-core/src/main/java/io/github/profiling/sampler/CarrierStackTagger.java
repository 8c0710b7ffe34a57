package io.github.profiling.sampler;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.StackTags;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;

/**
 * Tags a carrier thread's sample of a virtual thread from the handler frame on its stack,
 * for samplers that see only OS threads (see {@link StackTags}). Caches the tags implied
 * by each frame id. Not thread-safe: one per reading thread.
 */
public final class CarrierStackTagger {

	private static final String[] CARRIER_FRAMES = { "jdk.internal.vm.Continuation.enterSpecial",
			"jdk.internal.vm.Continuation.enter", "java.lang.VirtualThread.run" };

	private final FrameTable frames;

	private final ProfilingContext context;

	private final int[] carrierFrameIds;

	// Frame id -> tag-set id implied by that frame on a carrier's stack; 0 unknown, -1
	// none.
	private int[] stackTagIds = new int[0];

	private int stackTagsVersion = -1;

	public CarrierStackTagger(FrameTable frames, ProfilingContext context) {
		this.frames = frames;
		this.context = context;
		this.carrierFrameIds = new int[CARRIER_FRAMES.length];
		for (int i = 0; i < CARRIER_FRAMES.length; i++) {
			this.carrierFrameIds[i] = frames.intern(CARRIER_FRAMES[i]);
		}
	}

	/**
	 * The tags the innermost handler frame of a carrier's stack implies ({@code stack}
	 * root first), or {@link TagSets#EMPTY_ID} if the stack is no carrier's or has no
	 * handler frame.
	 */
	public int tagSetIdOf(int[] stack, int depth) {
		if (!isCarrierStack(stack, depth)) {
			return TagSets.EMPTY_ID;
		}
		StackTags stackTags = this.context.stackTags();
		int version = stackTags.version();
		if (version != this.stackTagsVersion || this.stackTagIds.length < this.frames.size()) {
			// Grows with the frame table; cleared when registrations change.
			int[] grown = new int[Math.max(1024, this.frames.size() * 2)];
			if (version == this.stackTagsVersion) {
				System.arraycopy(this.stackTagIds, 0, grown, 0, this.stackTagIds.length);
			}
			this.stackTagIds = grown;
			this.stackTagsVersion = version;
		}
		// The innermost handler frame decides: it is the one serving now.
		for (int i = depth - 1; i >= 0; i--) {
			int frame = stack[i];
			if (frame >= this.stackTagIds.length) {
				continue;
			}
			int id = this.stackTagIds[frame];
			if (id == 0) {
				TagSet tags = stackTags.tagsOf(this.frames.name(frame));
				id = (tags != null) ? this.context.tagSets().intern(tags) + 1 : -1;
				this.stackTagIds[frame] = id;
			}
			if (id > 0) {
				return id - 1;
			}
		}
		return TagSets.EMPTY_ID;
	}

	private boolean isCarrierStack(int[] stack, int depth) {
		for (int i = 0; i < depth; i++) {
			for (int carrierFrame : this.carrierFrameIds) {
				if (stack[i] == carrierFrame) {
					return true;
				}
			}
		}
		return false;
	}

}
