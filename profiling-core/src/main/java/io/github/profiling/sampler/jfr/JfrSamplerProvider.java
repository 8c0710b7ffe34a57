package io.github.profiling.sampler.jfr;

import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.JfrEnvironment;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;

/** The JDK Flight Recorder sampler: no native code of ours, no safepoint bias. */
public final class JfrSamplerProvider implements SamplerProvider {

	public static final String NAME = "jfr";

	private final boolean recordEnvironment;

	/**
	 * A provider whose recordings leave out the JVM's environment
	 * ({@link JfrEnvironment}).
	 */
	public JfrSamplerProvider() {
		this(false);
	}

	/**
	 * @param recordEnvironment whether recordings hold the {@link JfrEnvironment} events
	 */
	public JfrSamplerProvider(boolean recordEnvironment) {
		this.recordEnvironment = recordEnvironment;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Availability availability() {
		try {
			if (!jdk.jfr.FlightRecorder.isAvailable()) {
				return Availability.no("Flight Recorder is not available in this JVM");
			}
		}
		catch (LinkageError ex) {
			return Availability.no("this JVM has no Flight Recorder (module jdk.jfr): " + ex);
		}
		String noCpuTimeSamples = CpuTimeSampling.whyNotUsable();
		if (noCpuTimeSamples == null) {
			return Availability.yes("JDK Flight Recorder streamed in-process; event cpu at intervals of 10 ms or more "
					+ "by each thread's CPU clock (jdk.CPUTimeSample): Java and native frames, virtual threads as "
					+ "themselves");
		}
		return Availability.yes("JDK Flight Recorder streamed in-process; Java frames, no safepoint bias; event cpu by "
				+ "jdk.ExecutionSample: " + noCpuTimeSamples);
	}

	@Override
	public boolean supports(SamplingEvent event) {
		return event == SamplingEvent.CPU || event == SamplingEvent.WALL;
	}

	@Override
	public Sampler start(SamplerSettings settings, SampleSink sink, Environment environment) {
		if (!supports(settings.event())) {
			throw new IllegalArgumentException(
					"the jfr sampler samples cpu and wall only; " + settings.event().id() + " needs async");
		}
		return JfrSampler.start(settings, sink, environment, this.recordEnvironment);
	}

}
