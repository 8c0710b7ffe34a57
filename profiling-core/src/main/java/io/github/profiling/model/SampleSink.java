package io.github.profiling.model;

/** Where a sampler delivers its samples. Implementations copy what they keep. */
@FunctionalInterface
public interface SampleSink {

	void accept(Sample sample);

}
