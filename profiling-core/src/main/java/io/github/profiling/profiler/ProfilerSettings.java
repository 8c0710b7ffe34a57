package io.github.profiling.profiler;

import io.github.profiling.sampler.SamplingEvent;

import java.time.Duration;

/**
 * What may be changed while the application runs: mode, sampler ({@code auto} or a name),
 * event and sampling interval.
 */
public record ProfilerSettings(Mode mode, String sampler, SamplingEvent event, Duration interval) {

	public static final String AUTO = "auto";

	public static final Duration MIN_INTERVAL = Duration.ofMillis(1);

	public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

	public static final ProfilerSettings DEFAULTS = new ProfilerSettings(Mode.OFF, AUTO, SamplingEvent.CPU,
			Duration.ofMillis(10));

	public ProfilerSettings {
		if (mode == null || sampler == null || event == null || interval == null) {
			throw new IllegalArgumentException("mode, sampler, event and interval are required");
		}
		if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
			throw new InvalidSettingException("interval", "interval must be between " + Durations.format(MIN_INTERVAL)
					+ " and " + Durations.format(MAX_INTERVAL) + "; got " + Durations.format(interval));
		}
	}

	public ProfilerSettings withMode(Mode mode) {
		return new ProfilerSettings(mode, this.sampler, this.event, this.interval);
	}

	public ProfilerSettings withSampler(String sampler) {
		return new ProfilerSettings(this.mode, sampler, this.event, this.interval);
	}

	public ProfilerSettings withEvent(SamplingEvent event) {
		return new ProfilerSettings(this.mode, this.sampler, event, this.interval);
	}

	public ProfilerSettings withInterval(Duration interval) {
		return new ProfilerSettings(this.mode, this.sampler, this.event, interval);
	}

}
