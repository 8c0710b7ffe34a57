package io.github.profiling.context;

/**
 * Tags that become known while a scope is already open. An HTTP request's route template,
 * for example, is set only after handler mapping, but the request's scope opens before. A
 * sampler that reads the thread's tags mid-request asks the source for what it knows at
 * that moment.
 */
public interface TagSource {

	/**
	 * The tags known now; never {@code null}. Called from any thread, so it must be safe
	 * to read racily.
	 */
	TagSet tags();

	/**
	 * Whether {@link #tags()} will no longer change, so the resolved id may be cached.
	 */
	boolean isComplete();

}
