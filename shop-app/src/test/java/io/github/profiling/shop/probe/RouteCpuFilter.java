package io.github.profiling.shop.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The ground truth of where the shop's CPU goes: the CPU time of the request's thread
 * from the filter chain's start to its end, summed per route ({@code GET /catalog}).
 * Ordered just inside the observation filter whose scope the profiler tags requests by,
 * so that what it measures lies within what the profiler tags. Platform threads only: on
 * a virtual thread the clock would read the carrier's.
 */
public final class RouteCpuFilter extends OncePerRequestFilter implements Ordered {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Map<String, LongAdder[]> routes = new ConcurrentHashMap<>();

	@Override
	public int getOrder() {
		// Spring Boot's ServerHttpObservationFilter is at HIGHEST_PRECEDENCE + 1.
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = THREADS.getCurrentThreadCpuTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			long nanos = THREADS.getCurrentThreadCpuTime() - start;
			Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			if (route != null) {
				LongAdder[] figures = this.routes.computeIfAbsent(request.getMethod() + " " + route,
						(key) -> new LongAdder[] { new LongAdder(), new LongAdder() });
				figures[0].add(nanos);
				figures[1].increment();
			}
		}
	}

	/** CPU nanoseconds and requests so far, by route. */
	public Map<String, long[]> snapshot() {
		Map<String, long[]> snapshot = new TreeMap<>();
		this.routes.forEach((route, figures) -> snapshot.put(route, new long[] { figures[0].sum(), figures[1].sum() }));
		return snapshot;
	}

}
