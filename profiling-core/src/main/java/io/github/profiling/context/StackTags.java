package io.github.profiling.context;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tags implied by a frame on the stack, such as the route of a request handler method.
 * <p>
 * A sampler that sees only OS threads (async-profiler) attributes the samples of a
 * virtual thread to its carrier, and the carrier opened no scope: the span timeline
 * cannot say which request it served. The stack, though, is the virtual thread's, so the
 * handler method on it names the route. Web integrations register each handler frame
 * ({@code package.Class.method}) with the tags it implies; a frame name claimed with
 * different tags (an overloaded or shared method) is ambiguous and implies nothing.
 */
public final class StackTags {

	private static final TagSet AMBIGUOUS = TagSet.of("profiling.stack", "[ambiguous]");

	private final ConcurrentHashMap<String, TagSet> byFrame = new ConcurrentHashMap<>();

	// Bumped on every change, so that samplers caching lookups by frame id know to drop
	// them.
	private volatile int version;

	/** Registers the tags that {@code frameName} on a stack implies. */
	public void register(String frameName, TagSet tags) {
		this.byFrame.merge(frameName, tags, (old, added) -> old.equals(added) ? old : AMBIGUOUS);
		this.version++;
	}

	public int version() {
		return this.version;
	}

	/** The tags {@code frameName} implies, or {@code null}. */
	public TagSet tagsOf(String frameName) {
		TagSet tags = this.byFrame.get(frameName);
		return (tags == AMBIGUOUS) ? null : tags;
	}

	public boolean isEmpty() {
		return this.byFrame.isEmpty();
	}

	public void clear() {
		this.byFrame.clear();
		this.version++;
	}

}
