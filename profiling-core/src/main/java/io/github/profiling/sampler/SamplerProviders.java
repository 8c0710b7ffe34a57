package io.github.profiling.sampler;

import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;

import java.util.List;

/** The samplers this build knows, in the order {@code auto} tries them. */
public final class SamplerProviders {

	private SamplerProviders() {
	}

	public static List<SamplerProvider> installed() {
		return List.of(new AsyncProfilerSamplerProvider(), new JfrSamplerProvider(), new JdkSamplerProvider());
	}

}
