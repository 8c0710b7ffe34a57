package io.github.profiling.autoconfigure.metrics;

import io.github.profiling.autoconfigure.endpoint.LiveStreams;
import io.github.profiling.profiler.Profiler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.function.Supplier;

/**
 * The profiler's own figures as meters: samples taken and dropped per sampler, its own
 * CPU time, its store's nodes and bytes, open live streams, and each route's share of the
 * CPU samples of the last minute ({@code profiling.route.cpu.share}, one gauge per route
 * of the application, so cardinality stays that of the routes). Gauges read the profiler
 * when scraped; nothing runs in between.
 */
public class ProfilingMetrics implements MeterBinder {

	private final Profiler profiler;

	private final Supplier<LiveStreams> liveStreams;

	private final List<String> samplers;

	private final RouteShares routeShares;

	private final Supplier<List<String>> routes;

	/**
	 * @param liveStreams the endpoint's live streams, or a supplier of {@code null} when
	 * the endpoint is not configured (then no live-stream gauge)
	 */
	public ProfilingMetrics(Profiler profiler, Supplier<LiveStreams> liveStreams, Supplier<List<String>> routes) {
		this.profiler = profiler;
		this.liveStreams = liveStreams;
		this.samplers = profiler.samplerNames().stream().filter((name) -> !"auto".equals(name)).toList();
		this.routeShares = new RouteShares(profiler);
		this.routes = routes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String sampler : this.samplers) {
			FunctionCounter.builder("profiling.samples", this.profiler, (p) -> p.samplesTaken(sampler))
				.description("Samples taken by the profiler")
				.tag("sampler", sampler)
				.register(registry);
			FunctionCounter.builder("profiling.samples.dropped", this.profiler, (p) -> p.droppedSamples(sampler))
				.description("Samples the profiler could not take or deliver")
				.tag("sampler", sampler)
				.register(registry);
		}
		FunctionCounter.builder("profiling.cpu.time", this.profiler, (p) -> p.cpuTimeNanos() / 1e9)
			.description("CPU time used by the profiler's own sampling threads")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("profiling.store.nodes", this.profiler, Profiler::storeNodes)
			.description("Call-tree nodes held by the profiler's store")
			.register(registry);
		Gauge.builder("profiling.store.size", this.profiler, Profiler::storeBytes)
			.description("Approximate memory held by the profiler's store")
			.baseUnit("bytes")
			.register(registry);
		LiveStreams liveStreams = this.liveStreams.get();
		if (liveStreams != null) {
			Gauge.builder("profiling.live.streams", liveStreams, LiveStreams::count)
				.description("Open live profiling streams")
				.register(registry);
			FunctionCounter.builder("profiling.live.events.skipped", liveStreams, LiveStreams::skippedEvents)
				.description("Live-stream events skipped because the client had not read the previous one")
				.register(registry);
		}
		for (String route : this.routes.get()) {
			Gauge.builder("profiling.route.cpu.share", this.routeShares, (shares) -> shares.share(route))
				.description("Share of the CPU samples of the last minute taken while serving this route")
				.tag("route", route)
				.register(registry);
		}
	}

}
