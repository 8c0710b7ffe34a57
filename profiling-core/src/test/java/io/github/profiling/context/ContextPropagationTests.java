package io.github.profiling.context;

import io.micrometer.context.ContextSnapshotFactory;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags follow work handed to an executor through Micrometer context propagation. */
class ContextPropagationTests {

	@Test
	void tagsFollowAContextPropagatingExecutorAndUserScopesNestInside() throws Exception {
		ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		AtomicReference<TagSet> inTask = new AtomicReference<>();
		AtomicReference<TagSet> nestedInTask = new AtomicReference<>();
		AtomicReference<TagSet> afterTask = new AtomicReference<>();
		try (Scope request = ProfilingContext.open(Map.of("http.route", "/orders", "http.method", "GET"))) {
			Runnable task = snapshots.captureAll().wrap(() -> {
				inTask.set(ProfilingContext.currentTags());
				try (Scope job = ProfilingContext.open("job", "export")) {
					nestedInTask.set(ProfilingContext.currentTags());
				}
			});
			pool.submit(task).get(10, TimeUnit.SECONDS);
			pool.submit(() -> afterTask.set(ProfilingContext.currentTags())).get(10, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(inTask.get().asMap()).containsEntry("http.route", "/orders").containsEntry("http.method", "GET");
		assertThat(nestedInTask.get().asMap()).containsEntry("http.route", "/orders").containsEntry("job", "export");
		assertThat(afterTask.get().isEmpty()).as("the worker is untagged once the task is done").isTrue();
	}

}
