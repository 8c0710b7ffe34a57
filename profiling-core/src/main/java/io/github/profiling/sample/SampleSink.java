package io.github.profiling.sample;

/** Where a sampler delivers its samples. Implementations copy what they keep. */
@FunctionalInterface
public interface SampleSink {

	void accept(Sample sample);

}
