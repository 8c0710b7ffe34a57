package io.github.profiling.sampler;

import io.github.profiling.model.SampleSink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The pure-Java sampler: works on every JVM, the last resort of {@code auto}. */
public final class JdkSamplerProvider implements SamplerProvider {

	public static final String NAME = "jdk";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Availability availability() {
		return Availability.yes("Java stack sampling: works on every JVM; safepoint-biased, Java frames only");
	}

	@Override
	public boolean supports(SamplingEvent event) {
		return switch (event) {
			case CPU -> ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported();
			case WALL -> true;
			case ALLOC, LOCK -> false;
		};
	}

	@Override
	public Sampler start(SamplerSettings settings, SampleSink sink, Environment environment) {
		if (!supports(settings.event())) {
			throw new IllegalArgumentException(
					"the jdk sampler samples cpu and wall only; " + settings.event().id() + " needs another sampler");
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (settings.event() == SamplingEvent.CPU && !threads.isThreadCpuTimeEnabled()) {
			threads.setThreadCpuTimeEnabled(true);
		}
		return JdkSampler.start(settings, sink, environment, threads);
	}

}
