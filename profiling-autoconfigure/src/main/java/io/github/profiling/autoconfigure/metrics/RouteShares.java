package io.github.profiling.autoconfigure.metrics;

import io.github.profiling.profiler.Profiler;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.TagShare;
import io.github.profiling.store.Window;

import java.util.HashMap;
import java.util.Map;

/**
 * Each route's share of the CPU samples of the last minute, computed once per second at
 * most, however many route gauges a scrape reads.
 */
final class RouteShares {

	static final long WINDOW_SECONDS = 60;

	private static final long REFRESH_NANOS = 1_000_000_000L;

	private static final String ROUTE = "http.route";

	private final Profiler profiler;

	private Map<String, Double> shares = Map.of();

	private long computedAt = Long.MIN_VALUE;

	RouteShares(Profiler profiler) {
		this.profiler = profiler;
	}

	/** The share, from 0 to 1; NaN while the profiler does not sample CPU. */
	synchronized double share(String route) {
		if (!this.profiler.isRunning() || this.profiler.settings().event() != SamplingEvent.CPU) {
			return Double.NaN;
		}
		long now = System.nanoTime();
		if (this.computedAt == Long.MIN_VALUE || now - this.computedAt > REFRESH_NANOS) {
			this.shares = compute();
			this.computedAt = now;
		}
		return this.shares.getOrDefault(route, 0.0);
	}

	private Map<String, Double> compute() {
		ProfileQuery lastMinute = new ProfileQuery(Window.lastSeconds(WINDOW_SECONDS), TagFilter.NONE, null,
				ProfileQuery.UNLIMITED_DEPTH, 0);
		Map<String, Double> byRoute = new HashMap<>();
		for (TagShare share : this.profiler.tagShares(lastMinute)) {
			String route = share.tags().get(ROUTE);
			if (route != null) {
				byRoute.merge(route, share.percent() / 100.0, Double::sum);
			}
		}
		return byRoute;
	}

}
