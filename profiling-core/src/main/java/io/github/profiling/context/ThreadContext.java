package io.github.profiling.context;

/**
 * The context of one thread that has at least one open scope: its stack of scopes.
 * Written only by its own thread; read by samplers on other threads through the volatile
 * {@link #top}.
 */
final class ThreadContext {

	final Thread thread;

	final long threadId;

	final TagSets tagSets;

	private final ProfilingContext owner;

	volatile Scope top;

	ThreadContext(Thread thread, TagSets tagSets, ProfilingContext owner) {
		this.thread = thread;
		this.threadId = thread.getId();
		this.tagSets = tagSets;
		this.owner = owner;
	}

	Scope open(TagSet tags, TagSource source, int requestId) {
		Scope scope = new Scope(this, this.top, tags, source, requestId, System.nanoTime());
		this.top = scope;
		return scope;
	}

	/**
	 * Closes {@code scope} and, should a caller have forgotten to close inner scopes,
	 * those too: a thread must never stay tagged by a request it no longer serves.
	 */
	void close(Scope scope) {
		if (scope.closed) {
			return;
		}
		if (Thread.currentThread() != this.thread) {
			// Closing from another thread would corrupt this thread's stack; the scope
			// stays
			// open until its own thread closes it.
			return;
		}
		long now = System.nanoTime();
		Scope current = this.top;
		while (current != null && !scope.closed) {
			current.closed = true;
			this.owner.spans.record(this.threadId, current.startNanos, now, current.tagSetId(), current.requestId);
			current = current.parent;
		}
		this.top = current;
		if (current == null) {
			this.owner.release(this);
		}
	}

	/**
	 * The {@link ScopeIds} of the innermost open scope that had started by
	 * {@code timeNanos}, or {@link ScopeIds#NOT_FOUND}. Read from a sampler's thread:
	 * scopes are immutable but for their cached id.
	 */
	long idsAt(long timeNanos) {
		for (Scope scope = this.top; scope != null; scope = scope.parent) {
			if (scope.startNanos <= timeNanos && !scope.closed) {
				return scope.ids();
			}
		}
		return ScopeIds.NOT_FOUND;
	}

	/**
	 * The id of the current tag set, or {@link TagSets#EMPTY_ID} when no scope is open.
	 */
	int tagSetId() {
		Scope scope = this.top;
		return (scope != null) ? scope.tagSetId() : TagSets.EMPTY_ID;
	}

	/** The current {@link ScopeIds}, or {@link ScopeIds#NONE} when no scope is open. */
	long ids() {
		Scope scope = this.top;
		return (scope != null) ? scope.ids() : ScopeIds.NONE;
	}

}
