package io.github.profiling.shop;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.github.profiling.shop.load.ShopLoad;
import io.github.profiling.shop.probe.ProfilingClient;
import io.github.profiling.shop.probe.RunningShop;
import io.github.profiling.shop.probe.TreeFigures;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop on virtual threads keeps its routes: the share of CPU without an
 * {@code http.route} tag is within 3 points of the same shop on platform threads, and
 * each page route keeps its share, on the sampler {@code auto} picks and on {@code jfr}.
 * On virtual threads the view renders and {@code @ModelAttribute} methods run outside the
 * handler method, so tagging by handler frame is not enough. Each shop runs in a JVM of
 * its own so that the load driver's CPU stays out of its profile; both start with the
 * default sampler and switch at run time. Needs a JDK 21+: the build runs this class on
 * {@code virtual-threads.jdk}; it fails rather than passes vacuously elsewhere. Length of
 * each measurement: {@code -Dshop.vt.seconds} (default 15).
 */
class VirtualThreadTaggingIT {

	// JIT compilation settles: async samples the compiler threads too, untagged.
	private static final Duration WARM_UP = Duration.ofSeconds(15);

	private static final Duration WARM_UP_AFTER_SWITCH = Duration.ofSeconds(5);

	private static final Shop PLATFORM = new Shop("platform-threads", false);

	private static final Shop VIRTUAL = new Shop("virtual-threads", true);

	private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("shop.vt.seconds", 10));

	// Enough samples that 3 points are ~3 standard deviations of the difference of two
	// shares
	// near 10 %; a busy machine takes longer to collect them, up to MAX_MEASURE.
	private static final long WANTED_SAMPLES = 2000;

	private static final long MIN_SAMPLES = 1000;

	private static final Duration MAX_MEASURE = Duration.ofSeconds(45);

	private static final double MAX_POINTS_APART = 3.0;

	/**
	 * A GET route with at least this share on platform threads must keep half of it on
	 * virtual ones: with ~2000 samples such a route has 100 or more, so halving is over 5
	 * standard deviations away, while tagging by handler frame alone leaves a page route
	 * a quarter.
	 */
	private static final double ROUTE_MIN_PERCENT = 5.0;

	private static final String VIRTUAL_THREAD_FRAME = "java.lang.VirtualThread.";

	@ParameterizedTest(name = "sampler {0}")
	@ValueSource(strings = { "auto", "jfr" })
	void untaggedCpuOnVirtualThreadsIsWithinThreePointsOfPlatformThreads(String sampler) throws Exception {
		assertThat(Runtime.version().feature()).as("this test needs a JDK 21+").isGreaterThanOrEqualTo(21);
		Figures platform = measure(PLATFORM, sampler);
		Figures virtual = measure(VIRTUAL, sampler);
		System.out.printf("[virtual-threads] sampler %s on %s, %d s each%n", sampler, Runtime.version(),
				MEASURE.toSeconds());
		System.out.println("[virtual-threads] platform threads: " + platform);
		System.out.println("[virtual-threads] virtual threads:  " + virtual);

		assertThat(platform.virtualThreadWeight()).as("platform threads serve the platform-thread shop").isZero();
		assertThat(virtual.virtualThreadWeight()).as("virtual threads serve the virtual-thread shop").isPositive();
		assertThat(platform.total()).as("samples on platform threads").isGreaterThanOrEqualTo(MIN_SAMPLES);
		assertThat(virtual.total()).as("samples on virtual threads").isGreaterThanOrEqualTo(MIN_SAMPLES);
		// One-sided: lost routes make the share grow. (If auto picks another sampler on
		// virtual
		// threads, the shares differ by what each sampler sees outside Java threads,
		// too.)
		assertThat(virtual.untaggedPercent())
			.as("untagged %% of CPU on virtual threads, sampler %s (platform threads: %.2f %%, sampler %s)",
					virtual.sampler(), platform.untaggedPercent(), platform.sampler())
			.isLessThanOrEqualTo(platform.untaggedPercent() + MAX_POINTS_APART);
		platform.routePercent().forEach((route, percent) -> {
			if (percent >= ROUTE_MIN_PERCENT && route.startsWith("GET")) {
				assertThat(virtual.routePercent().getOrDefault(route, 0.0))
					.as("share of %s on virtual threads (platform threads: %.2f %%), sampler %s", route, percent,
							virtual.sampler())
					.isGreaterThanOrEqualTo(percent / 2);
			}
		});
	}

	@AfterAll
	static void stopShops() throws Exception {
		PLATFORM.close();
		VIRTUAL.close();
	}

	/**
	 * Measures on one shop, started on first use with the sampler {@code auto} (as users
	 * run it) and switched to another sampler at run time for the next case, so that each
	 * shop starts once. Only one shop is under load at a time.
	 */
	private static Figures measure(Shop shop, String sampler) throws Exception {
		Duration warmUp = WARM_UP_AFTER_SWITCH;
		if (shop.running == null) {
			shop.running = RunningShop.forked(shop.name, "management.profiling.mode=sampling",
					"spring.threads.virtual.enabled=" + shop.virtualThreads);
			shop.running.awaitReady();
			warmUp = WARM_UP;
		}
		if (!sampler.equals(shop.sampler)) {
			shop.running.profiling().post("{\"sampler\":\"" + sampler + "\"}");
			shop.sampler = sampler;
		}
		return measure(shop.running, warmUp);
	}

	/**
	 * A shop of the test, platform or virtual threads, and the sampler it was last set
	 * to.
	 */
	private static final class Shop implements AutoCloseable {

		final String name;

		final boolean virtualThreads;

		RunningShop running;

		String sampler = "auto";

		Shop(String name, boolean virtualThreads) {
			this.name = name;
			this.virtualThreads = virtualThreads;
		}

		@Override
		public void close() throws Exception {
			if (this.running != null) {
				this.running.close();
			}
		}

	}

	private static Figures measure(RunningShop shop, Duration warmUp) throws Exception {
		ProfilingClient profiling = shop.profiling();
		ShopLoad.run(shop.port(), 4, warmUp, 100_000).assertClean();
		profiling.reset();
		ShopLoad.Result load;
		try (ShopLoad running = ShopLoad.start(shop.port(), 4, MAX_MEASURE, 2_000_000)) {
			Thread.sleep(MEASURE.toMillis());
			long started = System.nanoTime();
			while (System.nanoTime() - started < MAX_MEASURE.minus(MEASURE).toNanos()
					&& applicationSamples(profiling.tags("")) < WANTED_SAMPLES) {
				Thread.sleep(2000);
			}
			running.close();
			load = running.result().assertClean();
		}
		// jfr and async deliver their samples about a second late
		Thread.sleep(2500);
		JsonNode status = profiling.status();
		JsonNode tags = profiling.tags("");
		long total = 0;
		long untagged = 0;
		Map<String, Long> byRoute = new TreeMap<>();
		for (JsonNode entry : tags) {
			JsonNode route = entry.get("tags").get("http.route");
			long samples = entry.get("samples").asLong();
			if (route != null && route.asString().startsWith("/actuator")) {
				continue;
			}
			total += samples;
			if (route == null) {
				untagged += samples;
			}
			else {
				String method = entry.get("tags").path("http.method").asString("");
				byRoute.merge(method + " " + route.asString(), samples, Long::sum);
			}
		}
		Map<String, Double> routePercent = new TreeMap<>();
		for (Map.Entry<String, Long> route : byRoute.entrySet()) {
			routePercent.put(route.getKey(), Math.round(10_000.0 * route.getValue() / total) / 100.0);
		}
		long virtualThreadWeight = TreeFigures.weightUnder(profiling.tree(""), VIRTUAL_THREAD_FRAME);
		return new Figures(status.get("sampler").asString(), load.requestsPerSecond(), total, untagged,
				virtualThreadWeight, routePercent);
	}

	/** Samples outside the actuator's own routes. */
	private static long applicationSamples(JsonNode tags) {
		long samples = 0;
		for (JsonNode entry : tags) {
			JsonNode route = entry.get("tags").get("http.route");
			if (route == null || !route.asString().startsWith("/actuator")) {
				samples += entry.get("samples").asLong();
			}
		}
		return samples;
	}

	/**
	 * What one shop measured: samples outside the actuator, those without a route, shares
	 * by route.
	 */
	private record Figures(String sampler, double requestsPerSecond, long total, long untagged,
			long virtualThreadWeight, Map<String, Double> routePercent) {

		double untaggedPercent() {
			return (this.total == 0) ? 100 : 100.0 * this.untagged / this.total;
		}

		@Override
		public String toString() {
			return String.format(
					"sampler %s, %.0f requests/s, %d samples, untagged %.2f %%, under %s %d; routes %%: %s",
					this.sampler, this.requestsPerSecond, this.total, untaggedPercent(), VIRTUAL_THREAD_FRAME,
					this.virtualThreadWeight, this.routePercent);
		}

	}

}
