package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.Durations;
import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.profiler.Mode;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.tracing.TracingTargets;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The changes {@code POST /actuator/profiling} asks of the profiler, checked before any
 * is made: a bad value is refused naming its field, as the body names it.
 */
final class ProfilerChanges {

	/**
	 * The longest value a setting of the POST can have; longer ones are refused unquoted.
	 */
	static final int MAX_SETTING_LENGTH = 100;

	private final Profiler profiler;

	ProfilerChanges(Profiler profiler) {
		this.profiler = profiler;
	}

	/**
	 * Applies any of the settings and tracing targets given, or drops the data for
	 * {@code action=reset}.
	 * @throws InvalidSettingException for a value that cannot be applied, or for nothing
	 * to change
	 */
	void apply(@Nullable String mode, @Nullable String sampler, @Nullable String event, @Nullable String interval,
			@Nullable String action, @Nullable String include, @Nullable String exclude) {
		checkLength("mode", mode);
		checkLength("sampler", sampler);
		checkLength("event", event);
		checkLength("interval", interval);
		checkLength("action", action);
		if (action != null) {
			if (!"reset".equals(action.trim())) {
				throw new InvalidSettingException("action",
						"unknown action " + Durations.quote(action) + "; use reset");
			}
			this.profiler.reset();
		}
		if (include != null || exclude != null) {
			this.profiler.setTracingTargets(changedTracingTargets(include, exclude));
		}
		if (mode != null || sampler != null || event != null || interval != null) {
			this.profiler.apply(changedSettings(mode, sampler, event, interval));
		}
		else if (action == null && include == null && exclude == null) {
			throw new InvalidSettingException(null,
					"nothing to change: send mode, sampler, event, interval, include, exclude or action");
		}
	}

	private TracingTargets changedTracingTargets(String include, String exclude) {
		TracingTargets current = this.profiler.tracingTargets();
		try {
			return new TracingTargets((include != null) ? TracingTargets.split(include) : current.include(),
					(exclude != null) ? TracingTargets.split(exclude) : current.exclude());
		}
		catch (InvalidSettingException ex) {
			// Named as the POST body names them.
			throw new InvalidSettingException(ex.parameter().replace("tracing.", ""), ex.getMessage());
		}
	}

	private ProfilerSettings changedSettings(String mode, String sampler, String event, String interval) {
		ProfilerSettings settings = this.profiler.settings();
		if (mode != null) {
			settings = settings.withMode(parse("mode", () -> Mode.of(mode)));
		}
		if (sampler != null) {
			String name = sampler.trim();
			if (!this.profiler.samplerNames().contains(name)) {
				throw new InvalidSettingException("sampler", "unknown sampler " + Durations.quote(sampler) + "; use "
						+ String.join(", ", this.profiler.samplerNames()));
			}
			settings = settings.withSampler(name);
		}
		if (event != null) {
			settings = settings.withEvent(parse("event", () -> SamplingEvent.of(event)));
		}
		if (interval != null) {
			settings = settings.withInterval(parse("interval", () -> Durations.parse(interval)));
		}
		return settings;
	}

	private static void checkLength(String parameter, String value) {
		if (value != null && value.length() > MAX_SETTING_LENGTH) {
			throw new InvalidSettingException(parameter,
					parameter + " is longer than " + MAX_SETTING_LENGTH + " characters");
		}
	}

	private static <T> T parse(String parameter, Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (InvalidSettingException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(parameter, ex.getMessage());
		}
	}

}
