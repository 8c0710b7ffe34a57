package io.github.profiling.sampler;

import java.time.Duration;

/** How a sampler is asked to run: which event, how often. */
public record SamplerSettings(SamplingEvent event, Duration interval) {
}
