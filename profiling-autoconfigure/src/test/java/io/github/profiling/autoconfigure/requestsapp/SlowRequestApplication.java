package io.github.profiling.autoconfigure.requestsapp;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests that are fast but for every tenth, which also calls a method doing ten times
 * the work of the rest; and requests that hand all their work to a pool wrapped to
 * propagate context. Each piece of work is a method of its own, so that a tree tells
 * whose it is.
 */
@SpringBootApplication
public class SlowRequestApplication {

	/** A unit of work: a few milliseconds. */
	static final long ITERATIONS = 2_000_000;

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService handoffPool() {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "handoff-" + count.incrementAndGet()));
	}

	@RestController
	static class OrderController {

		private final ExecutorService wrapped;

		OrderController(ExecutorService handoffPool) {
			this.wrapped = ContextExecutorService.wrap(handoffPool,
					ContextSnapshotFactory.builder().build()::captureAll);
		}

		/** Every tenth order (by {@code n}) also takes the slow path. */
		@GetMapping("/orders/{n}")
		long order(@PathVariable int n) {
			long result = Work.usual();
			if (n % 10 == 9) {
				result += Work.extra();
			}
			return result;
		}

		@GetMapping("/handoff/{n}")
		long handoff(@PathVariable int n) {
			return CompletableFuture.supplyAsync(Work::handedOff, this.wrapped).join();
		}

	}

	/** The work, under names of its own; no calls inside, so the leaf is the work. */
	public static final class Work {

		private Work() {
		}

		static long usual() {
			return loop(1);
		}

		/** Ten times the usual work. */
		static long extra() {
			return loop(10);
		}

		static long handedOff() {
			return loop(3);
		}

		private static long loop(int units) {
			long x = System.nanoTime() | 1;
			for (long i = 0; i < units * ITERATIONS; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			return x;
		}

	}

}
