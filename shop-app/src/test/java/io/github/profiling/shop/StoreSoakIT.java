package io.github.profiling.shop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.profiling.shop.load.ShopLoad;
import io.github.profiling.shop.probe.HeapHistogram;
import io.github.profiling.shop.probe.ProfilingClient;
import io.github.profiling.shop.probe.RunningShop;
import io.github.profiling.shop.probe.ShopDatabase;
import io.github.profiling.shop.probe.TreeFigures;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiler on the shop under a mixed load for minutes, with its default settings
 * (sampling on, the sampler {@code auto} picks, default {@code max-nodes}) but a
 * retention of two fifths of the run, so that the run goes on past it: every live event
 * and every {@code seconds=} window keeps under 1 % of its weight in {@code [truncated]}
 * nodes, the store's nodes stay within {@code maxNodes} at a bounded size per node, and
 * once the retention is full the live heap after a full GC grows no more than the store
 * itself plus {@link #MAX_GROWTH_BEYOND_STORE}. The shop runs in this JVM so that its
 * heap can be measured; the heap is read from a class histogram (live objects only) taken
 * after the rows the load's form posts added to the shop's database are deleted again,
 * and the classes that grew are printed. Length: {@code -Dshop.soak.duration} (default
 * 5m; e.g. 90s while developing).
 */
class StoreSoakIT {

	private static final Duration DURATION = parse(System.getProperty("shop.soak.duration", "5m"));

	private static final Duration POLL = Duration.ofSeconds(5);

	private static final double MAX_TRUNCATED = 0.01;

	/**
	 * The retention, shorter than the default so that the run goes on for a while past
	 * it.
	 */
	private static final Duration RETENTION = DURATION.multipliedBy(2).dividedBy(5);

	/**
	 * The windows read every poll: the last second, the last minute, the whole retention.
	 */
	private static final int[] WINDOWS = { 1, 60, (int) RETENTION.toSeconds() };

	/**
	 * How much the live heap may grow beyond the store's own growth from the first mark
	 * to the last, once the retention is full: an eighth of what the store may hold by
	 * configuration ({@code max-nodes} 500 000 at {@value #MAX_STORE_BYTES_PER_NODE}
	 * bytes), and about 100 bytes per request at the soak's few hundred requests a second
	 * over those 144 s, so that anything kept per request or per sample fails it. What
	 * does grow meanwhile: the view cache of the shop's redirects (one per new order, up
	 * to Spring's 1024), names of frames first seen, the database's rows (deleted before
	 * each mark).
	 */
	private static final long MAX_GROWTH_BEYOND_STORE = 8_000_000;

	/**
	 * Where the heap is measured, as fractions of the run after the retention is full.
	 */
	private static final double[] MARKS = { 0.2, 0.6, 1.0 };

	/**
	 * Bytes the store may hold per node, growth slack of its arrays included (about 50
	 * are used): with the node bound, what bounds the store's memory by configuration.
	 */
	private static final long MAX_STORE_BYTES_PER_NODE = 128;

	@Test
	void liveEventsAndWindowsStayUntruncatedStoreStaysWithinItsBoundHeapStaysFlat() throws Exception {
		try (RunningShop shop = RunningShop.inProcess("management.profiling.mode=sampling",
				"management.profiling.retention=" + RETENTION.toSeconds() + "s")) {
			ShopDatabase database = ShopDatabase.of(shop);
			ProfilingClient profiling = shop.profiling();
			JsonNode initial = profiling.status();
			long maxNodes = initial.get("maxNodes").asLong();
			System.out.printf("[soak] %s, sampler %s, maxNodes %d, on %s; every %ds: status, seconds=1/60/%d%n",
					DURATION, initial.get("sampler").asString(), maxNodes, Runtime.version(), POLL.toSeconds(),
					WINDOWS[2]);

			LiveEvents live = new LiveEvents();
			// The first violation of each kind; the run stops at the first truncation,
			// the worst one.
			Map<String, String> violations = new LinkedHashMap<>();
			// Heap marks once the retention is full: early, middle and end of the rest of
			// the run.
			double[] markSeconds = new double[3];
			for (int i = 0; i < 3; i++) {
				markSeconds[i] = RETENTION.toSeconds() + (DURATION.toSeconds() - RETENTION.toSeconds()) * MARKS[i];
			}
			HeapMark[] marks = new HeapMark[3];
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
						windows
							.append(String.format(" s=%d %.2f%% of %d", seconds, 100 * share, TreeFigures.total(tree)));
						if (share >= MAX_TRUNCATED) {
							violations.putIfAbsent("window",
									String.format("seconds=%d: %.2f %% of %d in [truncated] at %.0f s", seconds,
											100 * share, TreeFigures.total(tree), elapsed));
						}
					}
					if (nodes > maxNodes) {
						violations.putIfAbsent("nodes", "status nodes " + nodes + " > maxNodes " + maxNodes + " at "
								+ Math.round(elapsed) + " s");
					}
					if (live.worstShare() >= MAX_TRUNCATED) {
						violations.putIfAbsent("live",
								String.format(
										"a live event had %.2f %% in [truncated] (%d events, %d over 1 %%) by %.0f s",
										100 * live.worstShare(), live.events(), live.overLimit(), elapsed));
					}
					if (live.failure() != null) {
						violations.putIfAbsent("live", "live stream: " + live.failure());
					}
					System.out.printf(
							"[soak] t=%3.0fs %4.0f samples/s, nodes %d/%d, storeBytes %d%s, truncated:%s; live %d events, last %.2f%%, worst %.2f%%%n",
							elapsed, rate, nodes, maxNodes, status.path("storeBytes").asLong(),
							status.has("retainedSeconds")
									? ", retainedSeconds " + status.get("retainedSeconds").asLong() : "",
							windows, live.events(), 100 * live.lastShare(), 100 * live.worstShare());
					while (nextMark < marks.length && elapsed >= markSeconds[nextMark] - POLL.toSeconds() / 2.0) {
						marks[nextMark] = HeapMark.take(nextMark, database, profiling);
						System.out.printf("[soak] t=%.0fs %s%n", elapsed, marks[nextMark]);
						nextMark++;
					}
					if (nextMark == marks.length) {
						break;
					}
				}
				running.close();
				load = running.result();
			}
			System.out.printf("[soak] load: %s%n", load);
			System.out.printf(
					"[soak] live: %d events, worst %.2f %% truncated; worst window %.2f %%; max nodes %d of %d%n",
					live.events(), 100 * live.worstShare(), 100 * worstWindow, maxNodesSeen, maxNodes);
			assertThat(violations.values()).as("truncation and node bound").isEmpty();
			load.assertClean();
			assertThat(live.events()).as("live events in %s", DURATION).isGreaterThan(DURATION.toSeconds() / 2);
			HeapMark first = marks[0];
			HeapMark end = marks[2];
			long heapGrowth = end.live().bytes() - first.live().bytes();
			long storeGrowth = end.storeBytes() - first.storeBytes();
			System.out.printf(
					"[soak] live heap after GC at t=%.0f/%.0f/%.0fs: %.1f, %.1f, %.1f MB; growth %.2f MB, of it the store's %.2f MB%n",
					markSeconds[0], markSeconds[1], markSeconds[2], first.live().bytes() / 1e6,
					marks[1].live().bytes() / 1e6, end.live().bytes() / 1e6, heapGrowth / 1e6, storeGrowth / 1e6);
			System.out.printf("[soak] what grew from t=%.0fs to t=%.0fs (live bytes): %s%n", markSeconds[0],
					markSeconds[2], String.join("; ", end.live().largestGrowthSince(first.live(), 12)));
			System.out.printf("[soak] the profiler's own classes grew %+,d B%n",
					profilerBytes(end.live()) - profilerBytes(first.live()));
			assertThat(heapGrowth - storeGrowth)
				.as("live heap growth from t=%.0fs to t=%.0fs beyond the store's", markSeconds[0], markSeconds[2])
				.isLessThanOrEqualTo(MAX_GROWTH_BEYOND_STORE);
			JsonNode last = profiling.status();
			assertThat(last.get("storeBytes").asLong()).as("store bytes for %d nodes", last.get("nodes").asLong())
				.isLessThanOrEqualTo(MAX_STORE_BYTES_PER_NODE * Math.max(1, last.get("nodes").asLong()));
		}
	}

	/**
	 * Live bytes of the profiler's classes (not of its arrays: those are in the store's
	 * bytes).
	 */
	private static long profilerBytes(HeapHistogram histogram) {
		return histogram.bytesOf("io.github.profiling.") - histogram.bytesOf("io.github.profiling.shop.");
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

	/**
	 * The heap at one point, once the rows the load's form posts added to the shop's
	 * database are deleted again: the live heap after a full GC (its class histogram, in
	 * a file under {@code target/}), what the deleted rows held, and the store's bytes.
	 */
	private record HeapMark(long addedRows, long rowBytes, HeapHistogram live, long storeBytes) {

		static HeapMark take(int index, ShopDatabase database, ProfilingClient profiling) {
			long added = database.addedRows();
			HeapHistogram withRows = HeapHistogram.take(Path.of("target", "soak-heap-" + index + "-with-rows.txt"));
			database.deleteAdded();
			HeapHistogram live = HeapHistogram.take(Path.of("target", "soak-heap-" + index + ".txt"));
			return new HeapMark(added, withRows.bytes() - live.bytes(), live,
					profiling.status().path("storeBytes").asLong());
		}

		@Override
		public String toString() {
			return String.format(
					"heap: live after GC %.1f MB, storeBytes %d; the %d rows the load had added held about %.1f MB (deleted)",
					this.live.bytes() / 1e6, this.storeBytes, this.addedRows, this.rowBytes / 1e6);
		}

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
