package io.github.profiling.profiler;

import io.github.profiling.sampler.SamplerProvider.Availability;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /actuator/profiling} reports. {@code sampler} is the one running (or
 * {@code null}); {@code samplers} says of every known sampler whether it can run and why, and
 * {@code problem} why nothing runs although the mode asks for it. {@code retainedSeconds} is how far
 * back {@code seconds} windows reach now (the retention, or less where {@code maxNodes} made the
 * oldest seconds give way), and {@code dataSince} where "since start" begins.
 */
public record ProfilerStatus(Mode mode, String sampler, String event, long intervalMillis, boolean running,
		Instant startedAt, long samples, long droppedSamples, long errors, String lastError, long nodes,
		long maxNodes, long storeBytes, long retainedSeconds, Instant dataSince, boolean onDemand, Map<String, Availability> samplers, List<String> tagKeys, String problem) {
}
