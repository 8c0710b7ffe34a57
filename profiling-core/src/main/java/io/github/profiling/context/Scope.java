package io.github.profiling.context;

/**
 * An open context scope: while open, samples taken on its thread carry its tags (merged
 * over the tags of enclosing scopes). Close it on the thread that opened it, best with
 * try-with-resources. Closing twice is harmless.
 */
public final class Scope implements AutoCloseable {

	private static final int UNRESOLVED = -1;

	final ThreadContext thread;

	final Scope parent;

	private final TagSource source;

	private final TagSet fixedTags;

	final long startNanos;

	// The request this scope works for: its own, or else its parent's.
	final int requestId;

	private volatile int cachedTagSetId = UNRESOLVED;

	boolean closed;

	Scope(ThreadContext thread, Scope parent, TagSet fixedTags, TagSource source, int requestId, long startNanos) {
		this.thread = thread;
		this.parent = parent;
		this.fixedTags = fixedTags;
		this.source = source;
		this.requestId = (requestId != ScopeIds.NO_REQUEST || parent == null) ? requestId : parent.requestId;
		this.startNanos = startNanos;
	}

	/**
	 * The id of the request this scope works for, {@link ScopeIds#NO_REQUEST} if none:
	 * what context propagation carries on with its tags.
	 */
	public int requestId() {
		return this.requestId;
	}

	/** Its tag set and request, as {@link ScopeIds} packs them. */
	long ids() {
		return ScopeIds.of(tagSetId(), this.requestId);
	}

	/** The tags of this scope merged over those of the enclosing scopes. */
	public TagSet tags() {
		return this.thread.tagSets.get(tagSetId());
	}

	/**
	 * The interned id of {@link #tags()}. Cached once every source on the way up is
	 * complete, so that after a request's route is known a sampler pays one volatile read
	 * per sample.
	 */
	int tagSetId() {
		int id = this.cachedTagSetId;
		if (id != UNRESOLVED) {
			return id;
		}
		TagSet own = (this.source != null) ? this.source.tags() : this.fixedTags;
		TagSet merged = (this.parent != null) ? this.parent.tags().with(own) : own;
		id = this.thread.tagSets.intern(merged);
		if (isComplete()) {
			this.cachedTagSetId = id;
		}
		return id;
	}

	private boolean isComplete() {
		return (this.source == null || this.source.isComplete()) && (this.parent == null || this.parent.isComplete());
	}

	/**
	 * A tag source that follows this scope's tags, so that a scope opened with it on
	 * another thread carries them, including a route that becomes known later.
	 */
	public TagSource asSource() {
		return new TagSource() {

			@Override
			public TagSet tags() {
				return Scope.this.tags();
			}

			@Override
			public boolean isComplete() {
				return Scope.this.isComplete();
			}

		};
	}

	/**
	 * Whether this scope was opened on the calling thread (only that thread may close
	 * it).
	 */
	public boolean isOwnedByCurrentThread() {
		return this.thread.thread == Thread.currentThread();
	}

	@Override
	public void close() {
		this.thread.close(this);
	}

}
