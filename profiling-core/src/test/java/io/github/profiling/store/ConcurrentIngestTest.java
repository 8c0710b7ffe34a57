package io.github.profiling.store;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static io.github.profiling.testing.Trees.assertInvariants;
import static io.github.profiling.testing.Trees.byPath;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentIngestTest {

	private static final int THREADS = 4;

	private static final int SAMPLES_PER_THREAD = 25_000;

	private static final List<TagSet> TAGS = List.of(TagSet.EMPTY, TagSet.of("route", "/a"), TagSet.of("route", "/b"));

	private final FrameTable frames = new FrameTable(1000);

	private final TagSets tagSets = new TagSets(100);

	/** The samples one ingesting thread sends: the same for the same seed. */
	private final class Sender {

		final int index;

		final long[] weightByTag = new long[TAGS.size()];

		final CallTree tree = new CallTree();

		Sender(int index) {
			this.index = index;
		}

		void send(ProfileStore store, CountDownLatch start) throws InterruptedException {
			Random random = new Random(this.index);
			Sample sample = new Sample();
			int[] tagIds = TAGS.stream().mapToInt(ConcurrentIngestTest.this.tagSets::intern).toArray();
			String thread = "ingest-" + this.index;
			start.await();
			for (int i = 0; i < SAMPLES_PER_THREAD; i++) {
				int[] stack = new int[random.nextInt(6)];
				for (int d = 0; d < stack.length; d++) {
					stack[d] = ConcurrentIngestTest.this.frames.intern("com.example.Step" + random.nextInt(5) + ".run");
				}
				int tag = random.nextInt(TAGS.size());
				long weight = 1 + random.nextInt(3);
				store.accept(
						sample.set(this.index, thread, ProfilingClock.SYSTEM.nanoTime(), stack, weight, tagIds[tag]));
				this.weightByTag[tag] += weight;
				this.tree.add(stack, stack.length, weight);
			}
		}

	}

	@Test
	void concurrentIngestLosesNothing() throws Exception {
		ProfileStore store = new ProfileStore(this.frames, this.tagSets, ProfilingClock.SYSTEM, Duration.ofSeconds(1),
				Duration.ofMinutes(10), 1_000_000);
		List<Sender> senders = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				Sender sender = new Sender(t);
				senders.add(sender);
				running.add(executor.submit(() -> {
					sender.send(store, start);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : running) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}

		CallTree expected = new CallTree();
		long total = 0;
		for (Sender sender : senders) {
			expected.merge(sender.tree);
			total += sender.tree.total();
		}
		assertThat(store.sampleCount()).isEqualTo((long) THREADS * SAMPLES_PER_THREAD);
		assertThat(store.totalWeight()).isEqualTo(total);

		QueryResult all = store.query(ProfileQuery.all());
		assertInvariants(all.tree());
		assertThat(byPath(all.tree())).isEqualTo(byPath(expected));
		assertThat(store.query(ProfileQuery.all().withWindow(Window.lastSeconds(600))).samples()).isEqualTo(total);

		for (int tag = 1; tag < TAGS.size(); tag++) {
			long expectedWeight = 0;
			for (Sender sender : senders) {
				expectedWeight += sender.weightByTag[tag];
			}
			TagFilter filter = TagFilter.parse(List.of("route:" + TAGS.get(tag).get("route")));
			QueryResult filtered = store.query(new ProfileQuery(null, filter, null, ProfileQuery.UNLIMITED_DEPTH, 0));
			assertThat(filtered.samples()).as("%s", TAGS.get(tag)).isEqualTo(expectedWeight);
		}
		for (TagShare share : store.tagShares(ProfileQuery.all())) {
			int tag = TAGS.indexOf(share.tags());
			long expectedWeight = senders.stream().mapToLong((sender) -> sender.weightByTag[tag]).sum();
			assertThat(share.samples()).as("%s", share.tags()).isEqualTo(expectedWeight);
		}
		for (Sender sender : senders) {
			QueryResult byThread = store
				.query(new ProfileQuery(null, null, "ingest-" + sender.index, ProfileQuery.UNLIMITED_DEPTH, 0));
			assertThat(byThread.samples()).isEqualTo(sender.tree.total());
		}
	}

}
