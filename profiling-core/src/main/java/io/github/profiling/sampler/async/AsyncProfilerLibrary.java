package io.github.profiling.sampler.async;

/**
 * The loaded async-profiler, as far as this sampler uses it: its command interface. An
 * interface so that the sampler never links against async-profiler's classes unless they
 * load, and so that tests can stand in for a platform that refuses an engine.
 */
public interface AsyncProfilerLibrary {

	/** Runs an async-profiler command ({@code start,...}, {@code dump}, {@code stop}). */
	String execute(String command) throws Exception;

	String version();

	/**
	 * Samples async-profiler took since its recording last started, as its own counter
	 * says.
	 */
	long samples();

}
