package io.github.profiling.autoconfigure.executorapp;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests that hand their work to other threads, one route per way: an {@code @Async}
 * method (on Spring Boot's task executor, decorated to propagate context), a
 * {@code ThreadPoolTaskExecutor} of its own with the context-propagating decorator,
 * {@code CompletableFuture.supplyAsync} on a pool wrapped by
 * {@code ContextExecutorService}, and the same pool unwrapped, where the work is not
 * expected to carry the request's tags. Each route's work is a method of its own, so that
 * the tree tells whose it is.
 */
@SpringBootApplication
@EnableAsync
public class ExecutorApplication {

	static final long ITERATIONS = 4_000_000;

	/** Spring Boot applies this to its task executor, the one {@code @Async} runs on. */
	@Bean
	TaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	@Bean(destroyMethod = "shutdown")
	ThreadPoolTaskExecutor decoratedExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(2);
		executor.setThreadNamePrefix("decorated-");
		executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		executor.initialize();
		return executor;
	}

	/** One pool for the wrapped and the plain route: a scope left open would show. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService sharedPool() {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "shared-" + count.incrementAndGet()));
	}

	@Service
	public static class AsyncWork {

		@Async
		public CompletableFuture<Long> run(int n) {
			return CompletableFuture.completedFuture(Work.async(n));
		}

	}

	@RestController
	static class ExecutorController {

		private final AsyncWork asyncWork;

		private final ThreadPoolTaskExecutor decorated;

		private final ExecutorService plain;

		private final ExecutorService wrapped;

		ExecutorController(AsyncWork asyncWork, ThreadPoolTaskExecutor decoratedExecutor, ExecutorService sharedPool) {
			this.asyncWork = asyncWork;
			this.decorated = decoratedExecutor;
			this.plain = sharedPool;
			this.wrapped = ContextExecutorService.wrap(sharedPool,
					ContextSnapshotFactory.builder().build()::captureAll);
		}

		@GetMapping("/async/{n}")
		long async(@PathVariable int n) {
			return this.asyncWork.run(n).join();
		}

		@GetMapping("/decorated/{n}")
		long decorated(@PathVariable int n) {
			return this.decorated.submitCompletable(() -> Work.decorated(n)).join();
		}

		@GetMapping("/wrapped/{n}")
		long wrapped(@PathVariable int n) {
			return CompletableFuture.supplyAsync(() -> Work.wrapped(n), this.wrapped).join();
		}

		@GetMapping("/plain/{n}")
		long plain(@PathVariable int n) {
			return CompletableFuture.supplyAsync(() -> Work.plain(n), this.plain).join();
		}

	}

	/** The same loop under four names; no calls inside, so the leaf is the work. */
	public static final class Work {

		private Work() {
		}

		static long async(int n) {
			return loop(n);
		}

		static long decorated(int n) {
			return loop(n);
		}

		static long wrapped(int n) {
			return loop(n);
		}

		static long plain(int n) {
			return loop(n);
		}

		private static long loop(int n) {
			long x = System.nanoTime() | 1;
			for (long i = 0; i < n * ITERATIONS; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			return x;
		}

	}

}
