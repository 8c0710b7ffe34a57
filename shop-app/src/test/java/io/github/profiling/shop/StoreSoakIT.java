package io.github.profiling.shop;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.profiling.shop.load.ShopLoad;
import io.github.profiling.shop.probe.ProfilingClient;
import io.github.profiling.shop.probe.RunningShop;
import io.github.profiling.shop.probe.TreeFigures;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiler on the shop under a mixed load for minutes, with its default settings (sampling
 * on, the sampler {@code auto} picks, default retention and {@code max-nodes}): every live
 * event and every {@code seconds=} window keeps under 1 % of its weight in {@code [truncated]}
 * nodes, the store's nodes stay within {@code maxNodes} at a bounded size per node. The shop
 * runs in this JVM so that its heap can be measured
 * after {@code System.gc()} (printed). Length: {@code -Dshop.soak.duration} (default 5m, the
 * retention; e.g. 90s while developing).
 */
class StoreSoakIT {

	private static final Duration DURATION = parse(System.getProperty("shop.soak.duration", "5m"));

	private static final Duration POLL = Duration.ofSeconds(5);

	private static final int[] WINDOWS = { 1, 60, 300 };

	private static final double MAX_TRUNCATED = 0.01;

	/**
	 * Bytes the store may hold per node, growth slack of its arrays included (about 50 are used):
	 * with the node bound, what bounds the store's memory by configuration.
	 */
	private static final long MAX_STORE_BYTES_PER_NODE = 128;

	@Test
	void liveEventsAndWindowsStayUntruncatedStoreStaysWithinItsBound() throws Exception {
		try (RunningShop shop = RunningShop.inProcess("management.profiling.mode=sampling")) {
			ProfilingClient profiling = shop.profiling();
			JsonNode initial = profiling.status();
			long maxNodes = initial.get("maxNodes").asLong();
			System.out.printf("[soak] %s, sampler %s, maxNodes %d, on %s; every %ds: status, seconds=1/60/300%n",
					DURATION, initial.get("sampler").asString(), maxNodes, Runtime.version(), POLL.toSeconds());

			LiveEvents live = new LiveEvents();
			// The first violation of each kind; the run stops at the first truncation, the worst one.
			Map<String, String> violations = new LinkedHashMap<>();
			long[] heapMarks = new long[3];
			long[] storeMarks = new long[3];
			double[] markFractions = { 0.6, 0.8, 1.0 };
			int nextMark = 0;
			long started = System.nanoTime();
			long lastSamples = initial.get("samples").asLong();
			long lastPoll = started;
			long maxNodesSeen = 0;
			double worstWindow = 0;
			ShopLoad.Result load;
			try (AutoCloseable stream = profiling.live("", live::accept, live::fail);
					ShopLoad running = ShopLoad.start(shop.port(), 4, DURATION.plusSeconds(60), 50_000_000)) {
				while (!violations.containsKey("window") && !violations.containsKey("live")) {
					Thread.sleep(POLL.toMillis());
					long now = System.nanoTime();
					double elapsed = (now - started) / 1e9;
					JsonNode status = profiling.status();
					long samples = status.get("samples").asLong();
					long nodes = status.get("nodes").asLong();
					maxNodesSeen = Math.max(maxNodesSeen, nodes);
					double rate = (samples - lastSamples) / ((now - lastPoll) / 1e9);
					lastSamples = samples;
					lastPoll = now;
					StringBuilder windows = new StringBuilder();
					for (int seconds : WINDOWS) {
						JsonNode tree = profiling.tree("seconds=" + seconds);
						double share = TreeFigures.truncatedShare(tree);
						worstWindow = Math.max(worstWindow, share);
						windows.append(String.format(" s=%d %.2f%% of %d", seconds, 100 * share, TreeFigures.total(tree)));
						if (share >= MAX_TRUNCATED) {
							violations.putIfAbsent("window", String.format("seconds=%d: %.2f %% of %d in [truncated] at %.0f s",
									seconds, 100 * share, TreeFigures.total(tree), elapsed));
						}
					}
					if (nodes > maxNodes) {
						violations.putIfAbsent("nodes",
								"status nodes " + nodes + " > maxNodes " + maxNodes + " at " + Math.round(elapsed) + " s");
					}
					if (live.worstShare() >= MAX_TRUNCATED) {
						violations.putIfAbsent("live", String.format(
								"a live event had %.2f %% in [truncated] (%d events, %d over 1 %%) by %.0f s",
								100 * live.worstShare(), live.events(), live.overLimit(), elapsed));
					}
					if (live.failure() != null) {
						violations.putIfAbsent("live", "live stream: " + live.failure());
					}
					System.out.printf(
							"[soak] t=%3.0fs %4.0f samples/s, nodes %d/%d, storeBytes %d%s, truncated:%s; live %d events, last %.2f%%, worst %.2f%%%n",
							elapsed, rate, nodes, maxNodes, status.path("storeBytes").asLong(),
							status.has("retainedSeconds") ? ", retainedSeconds " + status.get("retainedSeconds").asLong() : "",
							windows, live.events(), 100 * live.lastShare(), 100 * live.worstShare());
					while (nextMark < markFractions.length
							&& (now - started) >= markFractions[nextMark] * DURATION.toNanos() - POLL.toNanos() / 2) {
						heapMarks[nextMark] = heapAfterGc();
						storeMarks[nextMark] = profiling.status().path("storeBytes").asLong();
						System.out.printf("[soak] heap after GC at %.1f %% of the run (t=%.0fs): %.1f MB, storeBytes %d%n",
								100 * markFractions[nextMark], elapsed, heapMarks[nextMark] / 1e6, storeMarks[nextMark]);
						nextMark++;
					}
					if (nextMark == markFractions.length) {
						break;
					}
				}
				running.close();
				load = running.result();
			}
			System.out.printf("[soak] load: %s%n", load);
			System.out.printf("[soak] live: %d events, worst %.2f %% truncated; worst window %.2f %%; max nodes %d of %d%n",
					live.events(), 100 * live.worstShare(), 100 * worstWindow, maxNodesSeen, maxNodes);
			assertThat(violations.values()).as("truncation and node bound").isEmpty();
			load.assertClean();
			assertThat(live.events()).as("live events in %s", DURATION).isGreaterThan(DURATION.toSeconds() / 2);
			// The heap is printed, not bounded: the shop's own database grows with every valid form
			// POST, so the heap of this JVM says little of the store, whose bytes are exact.
			System.out.printf("[soak] heap after GC: %.1f MB, %.1f MB, %.1f MB; store %d, %d, %d bytes%n",
					heapMarks[0] / 1e6, heapMarks[1] / 1e6, heapMarks[2] / 1e6, storeMarks[0], storeMarks[1],
					storeMarks[2]);
			JsonNode last = profiling.status();
			assertThat(last.get("storeBytes").asLong()).as("store bytes for %d nodes", last.get("nodes").asLong())
				.isLessThanOrEqualTo(MAX_STORE_BYTES_PER_NODE * Math.max(1, last.get("nodes").asLong()));
		}
	}

	private static long heapAfterGc() throws InterruptedException {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
			least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	private static Duration parse(String value) {
		String text = value.trim();
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		long amount = Long.parseLong(text.substring(0, text.length() - 1));
		return switch (text.charAt(text.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException("shop.soak.duration: not a duration: " + value);
		};
	}

	/** The live stream's events as they come: how many, and their truncated shares. */
	private static final class LiveEvents {

		private final AtomicLong events = new AtomicLong();

		private final AtomicLong overLimit = new AtomicLong();

		private volatile double lastShare;

		private volatile double worstShare;

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		void accept(JsonNode event) {
			double share = TreeFigures.truncatedShare(event);
			this.lastShare = share;
			if (share > this.worstShare) {
				this.worstShare = share;
			}
			if (share >= MAX_TRUNCATED) {
				this.overLimit.incrementAndGet();
			}
			this.events.incrementAndGet();
		}

		void fail(Throwable ex) {
			this.failure.compareAndSet(null, ex);
		}

		long events() {
			return this.events.get();
		}

		long overLimit() {
			return this.overLimit.get();
		}

		double lastShare() {
			return this.lastShare;
		}

		double worstShare() {
			return this.worstShare;
		}

		Throwable failure() {
			return this.failure.get();
		}

	}

}
