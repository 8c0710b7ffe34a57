package io.github.profiling.shop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import io.github.profiling.shop.probe.ProfilingClient;
import io.github.profiling.shop.probe.RouteCpuFilter;
import io.github.profiling.shop.probe.RunningShop;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sampler shares the shop's CPU among its routes as the routes use it. The ground
 * truth is {@link RouteCpuFilter}: each request's thread CPU time, summed per route.
 * Under a load of four routes of clearly different cost (a catalog page, a product page,
 * a JSON API call and an invalid form post that renders the form again), each sampler in
 * turn (switched at run time) must give each route a share of the routes' samples within
 * a bound of its share of their CPU.
 * <p>
 * The bound: N samples that fall on a route with probability p give a share whose
 * standard error is sqrt(p(1 - p)/N); four of those (a miss by chance about once in 16
 * 000 per route), plus an allowance for what the two measure differently: the observation
 * scope the profiler tags by opens a little before the filter and closes a little after
 * it, and not every sampler can take a thread wherever it is (1.5 percentage points for
 * async-profiler, 2.5 for JFR and the JDK's sampler; see {@link #SAMPLERS}). With N of
 * about 4000 (each run goes on until it has them, or for 45 s) the statistical part is at
 * most 3 percentage points, while the routes' shares lie 10 to 40 points apart: a sampler
 * that charged work to the wrong route, or counted requests rather than their CPU, fails.
 */
class SamplerAccuracyIT {

	/**
	 * The samplers, each with its allowance for what it and the filter measure
	 * differently: async-profiler takes the thread wherever it is; JFR's execution
	 * sampler skips threads that are in native code (socket writes), and the JDK's
	 * sampler takes stacks at safepoints only, so both see less of a route that spends
	 * more of its time there.
	 */
	private static final Map<String, Double> SAMPLERS = Map.of("async", 0.015, "jfr", 0.025, "jdk", 0.025);

	private static final List<String> ORDER = List.of("async", "jfr", "jdk");

	private static final Duration WARM_UP = Duration.ofSeconds(15);

	/**
	 * The load of one sampler's run goes on in steps of this until it has
	 * {@link #SAMPLES}.
	 */
	private static final Duration STEP = Duration.ofSeconds(5);

	private static final Duration MAX_MEASURE = Duration.ofSeconds(45);

	/** The samples of the four routes together that a run aims at. */
	private static final long SAMPLES = 4000;

	/** The least samples of the four routes together for a run to be judged. */
	private static final long MIN_SAMPLES = 2000;

	private static final String[] SORTS = { "name", "price", "stock" };

	/**
	 * The routes of the load, as the profiler's tags and the filter name them, and a
	 * request of each.
	 */
	private static final Map<String, BiFunction<String, Random, HttpRequest.Builder>> ROUTES = new LinkedHashMap<>();

	static {
		ROUTES.put("GET /catalog", (base, random) -> get(
				base + "/catalog?page=" + random.nextInt(13) + "&sort=" + SORTS[random.nextInt(SORTS.length)]));
		ROUTES.put("GET /products/{id}", (base, random) -> get(base + "/products/" + productId(random)));
		ROUTES.put("GET /api/products/{id}", (base, random) -> get(base + "/api/products/" + productId(random)));
		ROUTES.put("POST /products/{id}/reviews", (base, random) -> HttpRequest
			.newBuilder(URI.create(base + "/products/" + productId(random) + "/reviews"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("author=&rating=" + (6 + random.nextInt(4)) + "&text=short")));
	}

	@Test
	void everySamplerSharesTheCpuAmongTheRoutesAsTheRoutesUseIt() throws Exception {
		RouteCpuFilter cpu = new RouteCpuFilter();
		try (RunningShop shop = RunningShop.inProcess(List.of(cpu), "management.profiling.mode=sampling")) {
			ProfilingClient profiling = shop.profiling();
			// JIT compilation of a cold JVM would be most of the first profile.
			load(shop.port(), WARM_UP);
			List<String> misses = new ArrayList<>();
			for (String sampler : ORDER) {
				JsonNode status = profiling.post("{\"mode\":\"sampling\",\"sampler\":\"" + sampler
						+ "\",\"event\":\"cpu\",\"interval\":\"2ms\"}");
				assertThat(status.path("sampler").asString("")).as(status.toString()).isEqualTo(sampler);
				load(shop.port(), Duration.ofSeconds(3));
				// Late samples of the load before (async and jfr deliver up to a second
				// late), then a clean store.
				Thread.sleep(1500);
				profiling.reset();
				Map<String, long[]> before = cpu.snapshot();
				long started = System.nanoTime();
				do {
					load(shop.port(), STEP);
				}
				while (routeSamples(profiling).values().stream().mapToLong(Long::longValue).sum() < SAMPLES
						&& System.nanoTime() - started < MAX_MEASURE.toNanos());
				Map<String, long[]> after = cpu.snapshot();
				Map<String, Long> samples = settledRouteSamples(profiling);
				misses.addAll(judge(sampler, before, after, samples));
			}
			assertThat(misses).as("routes whose share of the samples is outside the bound").isEmpty();
		}
	}

	private static List<String> judge(String sampler, Map<String, long[]> before, Map<String, long[]> after,
			Map<String, Long> samples) {
		long totalNanos = 0;
		long totalSamples = 0;
		Map<String, long[]> measured = new LinkedHashMap<>();
		for (String route : ROUTES.keySet()) {
			long[] start = before.getOrDefault(route, new long[2]);
			long[] end = after.getOrDefault(route, new long[2]);
			measured.put(route, new long[] { end[0] - start[0], end[1] - start[1] });
			totalNanos += end[0] - start[0];
			totalSamples += samples.getOrDefault(route, 0L);
		}
		List<String> misses = new ArrayList<>();
		double least = 1;
		double most = 0;
		System.out.printf("[accuracy] sampler %s: %d samples of the four routes; %.1f s of their CPU%n", sampler,
				totalSamples, totalNanos / 1e9);
		for (String route : ROUTES.keySet()) {
			long[] figures = measured.get(route);
			double cpuShare = (double) figures[0] / Math.max(1, totalNanos);
			double sampleShare = (double) samples.getOrDefault(route, 0L) / Math.max(1, totalSamples);
			double bound = 4 * Math.sqrt(cpuShare * (1 - cpuShare) / Math.max(1, totalSamples)) + SAMPLERS.get(sampler);
			least = Math.min(least, cpuShare);
			most = Math.max(most, cpuShare);
			System.out.printf(
					"[accuracy]   %-28s %6d requests, %5.0f µs CPU each; CPU share %5.1f %%, sample share %5.1f %% (%d), off by %+5.1f, bound %4.1f%n",
					route, figures[1], figures[0] / 1e3 / Math.max(1, figures[1]), 100 * cpuShare, 100 * sampleShare,
					samples.getOrDefault(route, 0L), 100 * (sampleShare - cpuShare), 100 * bound);
			if (Math.abs(sampleShare - cpuShare) > bound) {
				misses.add(String.format("%s %s: %.1f %% of the samples, %.1f %% of the CPU (bound %.1f)", sampler,
						route, 100 * sampleShare, 100 * cpuShare, 100 * bound));
			}
		}
		if (totalSamples < MIN_SAMPLES) {
			misses.add(sampler + ": " + totalSamples + " samples of the four routes, fewer than " + MIN_SAMPLES);
		}
		// Routes of equal cost would let a sampler that counts requests pass.
		if (most / least <= 2) {
			misses.add(String.format("%s: the costliest route's CPU share is only %.1f times the cheapest's", sampler,
					most / least));
		}
		return misses;
	}

	/**
	 * Samples per route ({@code GET /catalog}) since the reset, once they stop coming in.
	 */
	private static Map<String, Long> settledRouteSamples(ProfilingClient profiling) throws InterruptedException {
		Map<String, Long> samples = routeSamples(profiling);
		for (int i = 0; i < 20; i++) {
			Thread.sleep(500);
			Map<String, Long> next = routeSamples(profiling);
			if (next.equals(samples) && i >= 3) {
				return next;
			}
			samples = next;
		}
		return samples;
	}

	private static Map<String, Long> routeSamples(ProfilingClient profiling) {
		Map<String, Long> samples = new LinkedHashMap<>();
		for (JsonNode entry : profiling.tags("")) {
			JsonNode tags = entry.get("tags");
			if (tags.has("http.route") && tags.has("http.method")) {
				samples.merge(tags.get("http.method").asString() + " " + tags.get("http.route").asString(),
						entry.get("samples").asLong(), Long::sum);
			}
		}
		return samples;
	}

	/** Two clients, each sending the four routes in turn for {@code duration}. */
	private static void load(int port, Duration duration) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String base = "http://127.0.0.1:" + port;
		long deadline = System.nanoTime() + duration.toNanos();
		AtomicBoolean failed = new AtomicBoolean();
		ExecutorService clients = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				Random random = new Random(7 + c);
				done.add(clients.submit(() -> {
					while (System.nanoTime() < deadline && !failed.get()) {
						for (BiFunction<String, Random, HttpRequest.Builder> route : ROUTES.values()) {
							HttpRequest request = route.apply(base, random).timeout(Duration.ofSeconds(30)).build();
							HttpResponse<byte[]> response = send(http, request);
							if (response.statusCode() != 200) {
								failed.set(true);
								throw new AssertionError(
										request.method() + " " + request.uri() + " answered " + response.statusCode());
							}
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static HttpResponse<byte[]> send(HttpClient http, HttpRequest request) throws IOException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static HttpRequest.Builder get(String url) {
		return HttpRequest.newBuilder(URI.create(url)).GET();
	}

	private static int productId(Random random) {
		return 1 + random.nextInt(DataInitializer.PRODUCTS);
	}

}
