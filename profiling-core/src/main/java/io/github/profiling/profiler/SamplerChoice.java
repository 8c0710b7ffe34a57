package io.github.profiling.profiler;

import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerProvider.Availability;
import io.github.profiling.tracing.Tracer;
import io.github.profiling.tracing.Tracing;
import io.github.profiling.tracing.TracingTargets;
import io.github.profiling.tracing.TracingUnavailableException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sampler runs for a setting: the one named, or for {@code auto} the first
 * installed one that is available and samples the event, preferring, once requests are
 * known to run on virtual threads, those that see a virtual thread as itself. Also what
 * the status says of each sampler.
 */
final class SamplerChoice {

	private final List<SamplerProvider> providers;

	// How it is known that requests run on virtual threads, or null.
	private volatile String virtualThreads;

	SamplerChoice(List<SamplerProvider> providers) {
		if (providers.isEmpty()) {
			throw new IllegalArgumentException("at least one sampler provider is needed");
		}
		this.providers = List.copyOf(providers);
	}

	/**
	 * Requests run on virtual threads, as {@code how} says. @return whether this is news
	 */
	boolean servesVirtualThreads(String how) {
		if (this.virtualThreads != null) {
			return false;
		}
		this.virtualThreads = how;
		return true;
	}

	/** {@code auto} and the names of the installed samplers. */
	List<String> names() {
		List<String> names = new ArrayList<>();
		names.add(ProfilerSettings.AUTO);
		this.providers.forEach((provider) -> names.add(provider.name()));
		return names;
	}

	List<String> providerNames() {
		return this.providers.stream().map(SamplerProvider::name).toList();
	}

	/**
	 * The providers to try, in order, for {@code settings}; none for tracing, which needs
	 * {@code tracingTargets}.
	 * @throws InvalidSettingException naming the parameter, if the settings cannot run
	 * here
	 */
	List<SamplerProvider> candidates(ProfilerSettings settings, TracingTargets tracingTargets) {
		if (settings.mode() == Mode.TRACING) {
			checkTracing(tracingTargets);
			return List.of();
		}
		if (ProfilerSettings.AUTO.equals(settings.sampler())) {
			List<SamplerProvider> candidates = new ArrayList<>();
			for (SamplerProvider provider : this.providers) {
				if (provider.availability().available() && provider.supports(settings.event())) {
					candidates.add(provider);
				}
			}
			if (candidates.isEmpty()) {
				throw new InvalidSettingException("event", "no available sampler samples event " + settings.event().id()
						+ " here; see samplers in the status");
			}
			if (this.virtualThreads != null) {
				// Stable: the installed order holds within each group.
				candidates.sort(Comparator.comparing((SamplerProvider provider) -> !provider.seesVirtualThreads()));
			}
			return candidates;
		}
		for (SamplerProvider provider : this.providers) {
			if (provider.name().equals(settings.sampler())) {
				Availability availability = provider.availability();
				if (!availability.available()) {
					throw new InvalidSettingException("sampler",
							"sampler " + provider.name() + " is not available: " + availability.reason());
				}
				if (!provider.supports(settings.event())) {
					throw new InvalidSettingException("event",
							"sampler " + provider.name() + " does not sample event " + settings.event().id());
				}
				return List.of(provider);
			}
		}
		throw new InvalidSettingException("sampler",
				"unknown sampler '" + settings.sampler() + "'; use " + String.join(", ", names()));
	}

	/**
	 * Whether {@code auto} should switch from {@code running} to a sampler that sees
	 * virtual threads: they serve requests, and the running one sees only their carriers.
	 */
	boolean prefersAnother(ProfilerSettings settings, String running) {
		if (this.virtualThreads == null || !ProfilerSettings.AUTO.equals(settings.sampler())
				|| settings.mode() != Mode.SAMPLING) {
			return false;
		}
		for (SamplerProvider provider : this.providers) {
			if (provider.name().equals(running) && provider.seesVirtualThreads()) {
				return false;
			}
		}
		try {
			return candidates(settings, TracingTargets.NONE).get(0).seesVirtualThreads();
		}
		catch (InvalidSettingException ex) {
			return false;
		}
	}

	static void checkTracing(TracingTargets targets) {
		if (targets.isEmpty()) {
			throw new InvalidSettingException("tracing.include",
					"tracing needs the classes to trace: set tracing.include, e.g. com.example.**");
		}
		try {
			Tracing.attach();
		}
		catch (TracingUnavailableException ex) {
			throw new InvalidSettingException("mode", "tracing is not available here: " + ex.getMessage());
		}
	}

	/**
	 * What the status says of every sampler and of the tracer: whether it can run and
	 * why, with why it failed to start if it did, and what the running one notes of how
	 * it runs.
	 */
	Map<String, Availability> availabilities(ProfilerSettings settings, Map<String, String> startFailures,
			RunningSampler running) {
		Map<String, Availability> samplers = new LinkedHashMap<>();
		for (SamplerProvider provider : this.providers) {
			Availability availability = provider.availability();
			String failure = startFailures.get(provider.name());
			if (failure != null) {
				availability = Availability.no(failure);
			}
			else if (this.virtualThreads != null && !provider.seesVirtualThreads() && availability.available()
					&& ProfilerSettings.AUTO.equals(settings.sampler())) {
				availability = Availability.yes("not chosen by auto: requests run on virtual threads ("
						+ this.virtualThreads + "), which " + provider.name()
						+ " samples as their carrier threads: samples outside the handler"
						+ " method and every header and user tag would be lost; select it by name to use it anyway. "
						+ availability.reason());
			}
			String note = (running != null && provider.name().equals(running.name())) ? running.sampler().note() : null;
			if (note != null && availability.available()) {
				availability = Availability.yes(availability.reason() + "; now " + note);
			}
			samplers.put(provider.name(), availability);
		}
		String tracerFailure = startFailures.get(Tracer.NAME);
		samplers.put(Tracer.NAME,
				(tracerFailure != null) ? Availability.no(tracerFailure)
						: (running != null && running.sampler() instanceof Tracer tracer)
								? Availability.yes(tracer.describe()) : Tracing.availability());
		return samplers;
	}

}
