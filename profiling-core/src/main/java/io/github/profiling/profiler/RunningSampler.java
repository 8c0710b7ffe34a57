package io.github.profiling.profiler;

import io.github.profiling.sampler.Sampler;

import java.time.Instant;

/** The sampler that runs now (the tracer in tracing mode), under its name, since when. */
record RunningSampler(String name, Sampler sampler, Instant startedAt) {

}
