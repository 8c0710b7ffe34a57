package io.github.profiling.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTableTest {

	@Test
	void theSpecialFramesHaveFixedIdsAndNames() {
		FrameTable frames = new FrameTable(100);
		assertThat(frames.name(FrameTable.ROOT_ID)).isEqualTo(FrameTable.ROOT);
		assertThat(frames.name(FrameTable.TRUNCATED_ID)).isEqualTo(FrameTable.TRUNCATED).isEqualTo("[truncated]");
		assertThat(frames.name(FrameTable.OVERFLOW_ID)).isEqualTo(FrameTable.OVERFLOW);
		assertThat(frames.intern(FrameTable.TRUNCATED)).isEqualTo(FrameTable.TRUNCATED_ID);
		assertThat(frames.size()).isEqualTo(3);
	}

	@Test
	void aNameKeepsItsId() {
		FrameTable frames = new FrameTable(100_000);
		List<Integer> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(frames.intern("com.example.C.m" + i));
		}
		assertThat(ids).doesNotHaveDuplicates()
			.doesNotContain(FrameTable.ROOT_ID, FrameTable.TRUNCATED_ID, FrameTable.OVERFLOW_ID);
		for (int i = 0; i < 1000; i++) {
			assertThat(frames.intern("com.example.C.m" + i)).isEqualTo(ids.get(i));
			assertThat(frames.name(ids.get(i))).isEqualTo("com.example.C.m" + i);
		}
		assertThat(frames.size()).isEqualTo(1003);
	}

	@Test
	void namesBeyondTheCapShareTheOverflowId() {
		FrameTable frames = new FrameTable(5);
		int a = frames.intern("a.A.a");
		int b = frames.intern("b.B.b");
		assertThat(frames.size()).isEqualTo(5);

		assertThat(frames.intern("c.C.c")).isEqualTo(FrameTable.OVERFLOW_ID);
		assertThat(frames.intern("d.D.d")).isEqualTo(FrameTable.OVERFLOW_ID);
		assertThat(frames.name(FrameTable.OVERFLOW_ID)).isEqualTo("[other frames]");
		assertThat(frames.size()).isEqualTo(5);
		// Names known before the cap keep their ids.
		assertThat(frames.intern("a.A.a")).isEqualTo(a);
		assertThat(frames.intern("b.B.b")).isEqualTo(b);
	}

	@Test
	void concurrentInterningGivesEachNameOneId() throws Exception {
		FrameTable frames = new FrameTable(100_000);
		ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 5000; i++) {
						String name = "com.example.C.m" + i;
						int id = frames.intern(name);
						Integer previous = seen.putIfAbsent(name, id);
						if (previous != null && previous != id) {
							throw new AssertionError(name + " got ids " + previous + " and " + id);
						}
						if (!name.equals(frames.name(id))) {
							throw new AssertionError(name + " read back as " + frames.name(id));
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(frames.size()).isEqualTo(5003);
	}

}
