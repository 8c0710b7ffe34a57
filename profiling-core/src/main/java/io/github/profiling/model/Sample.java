package io.github.profiling.model;

import java.util.Arrays;

/**
 * One stack sample, as every sampler delivers it: which thread, when (the
 * {@link System#nanoTime()} clock), its stack of interned frames from root to leaf, its
 * weight (samples, or a unit the sampler states), and the id of the tags its thread
 * carried.
 * <p>
 * Mutable and meant to be reused: a sampler fills one instance per sample and hands it to
 * a {@link SampleSink}, which copies what it keeps. Taking a sample thus allocates
 * nothing here.
 */
public final class Sample {

	public long threadId;

	public String threadName = "";

	public long timeNanos;

	public int[] frames = new int[128];

	public int depth;

	public long weight;

	public int tagSetId;

	/** The request the sample's thread worked for, {@code 0} if none. */
	public int requestId;

	/**
	 * For the tracer's records only: the calls of the path's last frame that completed,
	 * and their deep nanoseconds (the weight then is their own nanoseconds); 0 in a stack
	 * sample.
	 */
	public long calls;

	public long deepNanos;

	/** Makes room for a stack of {@code depth} frames and sets the depth. */
	public int[] ensureDepth(int depth) {
		if (this.frames.length < depth) {
			this.frames = Arrays.copyOf(this.frames, Math.max(depth, this.frames.length * 2));
		}
		this.depth = depth;
		return this.frames;
	}

	/** Sets the whole sample at once; convenient for tests and converters. */
	public Sample set(long threadId, String threadName, long timeNanos, int[] stack, long weight, int tagSetId) {
		this.threadId = threadId;
		this.threadName = threadName;
		this.timeNanos = timeNanos;
		System.arraycopy(stack, 0, ensureDepth(stack.length), 0, stack.length);
		this.weight = weight;
		this.tagSetId = tagSetId;
		this.requestId = 0;
		this.calls = 0;
		this.deepNanos = 0;
		return this;
	}

}
