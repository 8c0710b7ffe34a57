package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.Window;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What the push tests share: bounded waits, the store's view of a pushed window, a steady
 * load.
 */
final class PushTestSupport {

	private PushTestSupport() {
	}

	/**
	 * Waits until {@code condition} holds, at most {@code timeout}; fails naming
	 * {@code what}.
	 */
	static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("timed out after " + timeout + " waiting for " + what);
			}
			Thread.sleep(50);
		}
	}

	/** The store bucket that begins at {@code time}, a bound of a pushed window. */
	static long bucketAt(Profiler profiler, Instant time) {
		long current = profiler.currentBucket();
		Instant currentStart = profiler.queryByTags(query(Window.buckets(current, current + 1), TagFilter.NONE)).from();
		long nanos = Duration.between(time, currentStart).toNanos();
		if (nanos % profiler.bucketNanos() != 0) {
			throw new AssertionError(time + " is not a bucket boundary (" + currentStart + " is)");
		}
		return current - nanos / profiler.bucketNanos();
	}

	static ProfileQuery query(Window window, TagFilter tags) {
		return new ProfileQuery(window, tags, null, ProfileQuery.UNLIMITED_DEPTH, 0);
	}

	/**
	 * Samples the store holds in {@code [from, to)}, of the tag set matching
	 * {@code tags}.
	 */
	static long storeSamples(Profiler profiler, Instant from, Instant to, TagFilter tags) {
		Window window = Window.buckets(bucketAt(profiler, from), bucketAt(profiler, to));
		return profiler.query(query(window, tags)).samples();
	}

	/**
	 * Requests to the application from a few threads until stopped, each one's latency
	 * and outcome recorded: what must not change while the exporter is in trouble.
	 */
	static final class Load implements AutoCloseable {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private final List<Thread> threads;

		private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		private final AtomicLong requests = new AtomicLong();

		private final AtomicLong slowestNanos = new AtomicLong();

		private volatile boolean running = true;

		Load(int port, List<String> paths) {
			this.threads = paths.stream().map((path) -> {
				Thread thread = new Thread(() -> run("http://127.0.0.1:" + port + path), "load " + path);
				thread.setDaemon(true);
				thread.start();
				return thread;
			}).toList();
		}

		private void run(String url) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
			while (this.running) {
				long start = System.nanoTime();
				try {
					HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200) {
						this.failures.add(url + " answered " + response.statusCode());
					}
				}
				catch (IOException ex) {
					this.failures.add(url + " failed: " + ex);
				}
				catch (InterruptedException ex) {
					return;
				}
				long elapsed = System.nanoTime() - start;
				this.slowestNanos.accumulateAndGet(elapsed, Math::max);
				this.requests.incrementAndGet();
			}
		}

		long requests() {
			return this.requests.get();
		}

		List<String> failures() {
			return List.copyOf(this.failures);
		}

		/** The slowest request so far; resets the measure. */
		Duration takeSlowest() {
			return Duration.ofNanos(this.slowestNanos.getAndSet(0));
		}

		@Override
		public void close() {
			this.running = false;
			for (Thread thread : this.threads) {
				try {
					thread.join(25_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}

	}

}
