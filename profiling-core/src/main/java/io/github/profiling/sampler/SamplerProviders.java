package io.github.profiling.sampler;

import io.github.profiling.sampler.async.AsyncProfilerSamplerProvider;
import io.github.profiling.sampler.jfr.JfrSamplerProvider;

import java.util.List;

/** The samplers this build knows, in the order {@code auto} tries them. */
public final class SamplerProviders {

	private SamplerProviders() {
	}

	/** The samplers, whose JFR recordings leave out the JVM's environment. */
	public static List<SamplerProvider> installed() {
		return installed(false);
	}

	/**
	 * @param recordEnvironment whether the JFR recordings of the jfr and async samplers
	 * hold the {@link JfrEnvironment} events
	 */
	public static List<SamplerProvider> installed(boolean recordEnvironment) {
		return List.of(new AsyncProfilerSamplerProvider(recordEnvironment), new JfrSamplerProvider(recordEnvironment),
				new JdkSamplerProvider());
	}

}
