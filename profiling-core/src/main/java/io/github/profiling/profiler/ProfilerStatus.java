package io.github.profiling.profiler;

import io.github.profiling.sampler.SamplerProvider.Availability;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /actuator/profiling} reports. {@code sampler} is the one running (or
 * {@code null}); {@code samplers} says of every known sampler whether it can run and why,
 * and {@code problem} why nothing runs although the mode asks for it.
 * {@code retainedSeconds} is how far back {@code seconds} windows reach now (the
 * retention, or less where {@code maxNodes} made the oldest seconds give way), and
 * {@code dataSince} where "since start" begins. {@code state} is one of {@link #OFF},
 * {@link #RUNNING}, {@link #DEGRADED} (a sampler runs but its machinery broke:
 * {@code degradedReason} says how, and it recovers by itself where it can) and
 * {@link #STOPPED} (the mode asks for sampling but nothing runs: see {@code problem});
 * {@code off} also while on-demand profiling waits for a client.
 */
public record ProfilerStatus(Mode mode, String sampler, String event, long intervalMillis, boolean running,
		Instant startedAt, long samples, long droppedSamples, long errors, String lastError, long nodes, long maxNodes,
		long storeBytes, long retainedSeconds, Instant dataSince, boolean onDemand, Map<String, Availability> samplers,
		List<String> tagKeys, String problem, String state, String degradedReason) {

	public static final String OFF = "off";

	public static final String RUNNING = "running";

	public static final String DEGRADED = "degraded";

	public static final String STOPPED = "stopped";

}
