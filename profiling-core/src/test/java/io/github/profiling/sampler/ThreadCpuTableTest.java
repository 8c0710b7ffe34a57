package io.github.profiling.sampler;

import io.github.profiling.model.Sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTableTest {

	private static final long INTERVAL = 10_000_000L;

	private static final long MS = 1_000_000L;

	@Test
	void aThreadsFirstReadingWeighsNothing() {
		ThreadCpuTable table = new ThreadCpuTable();
		assertThat(table.weigh(7, 5_000 * MS, 1, INTERVAL)).isZero();
		assertThat(table.size()).isEqualTo(1);
	}

	@Test
	void cpuTimeIsPaidOutInWholeIntervalsAndTheRemainderCarriesOver() {
		ThreadCpuTable table = new ThreadCpuTable();
		long cpu = 1_000 * MS;
		table.weigh(7, cpu, 1, INTERVAL);

		cpu += 25 * MS;
		assertThat(table.weigh(7, cpu, 2, INTERVAL)).isEqualTo(2);
		cpu += 4 * MS;
		assertThat(table.weigh(7, cpu, 3, INTERVAL)).isZero();
		cpu += 1 * MS;
		// 5 + 4 + 1 carried: one whole interval.
		assertThat(table.weigh(7, cpu, 4, INTERVAL)).isEqualTo(1);
		assertThat(table.weigh(7, cpu, 5, INTERVAL)).isZero();
	}

	@Test
	void overManyTicksTheWeightIsTheCpuTimeInIntervals() {
		ThreadCpuTable table = new ThreadCpuTable();
		long cpu = 0;
		long weight = 0;
		table.weigh(3, cpu, 0, INTERVAL);
		for (int tick = 1; tick <= 1000; tick++) {
			cpu += (tick * 7919L) % (17 * MS);
			weight += table.weigh(3, cpu, tick, INTERVAL);
		}
		assertThat(weight).isEqualTo(cpu / INTERVAL);
	}

	@Test
	void aClockGoingBackwardsWeighsNothing() {
		ThreadCpuTable table = new ThreadCpuTable();
		table.weigh(7, 100 * MS, 1, INTERVAL);
		assertThat(table.weigh(7, 50 * MS, 2, INTERVAL)).isZero();
		assertThat(table.weigh(7, 60 * MS, 3, INTERVAL)).isEqualTo(1);
	}

	@Test
	void threadsAreKeptApartAsTheTableGrows() {
		ThreadCpuTable table = new ThreadCpuTable();
		for (long id = 1; id <= 2000; id++) {
			table.weigh(id, id * MS, 1, INTERVAL);
		}
		assertThat(table.size()).isEqualTo(2000);
		for (long id = 1; id <= 2000; id++) {
			// Each thread used (id % 5) intervals since its own previous reading.
			assertThat(table.weigh(id, id * MS + (id % 5) * INTERVAL, 2, INTERVAL)).as("thread %d", id)
				.isEqualTo(id % 5);
		}
	}

	@Test
	void threadsNotSeenForAWhileAreForgotten() {
		ThreadCpuTable table = new ThreadCpuTable();
		table.weigh(1, 0, 1, INTERVAL);
		table.weigh(2, 0, 1, INTERVAL);
		table.weigh(2, 5 * MS, 10, INTERVAL);

		table.evictOlderThan(5);

		assertThat(table.size()).isEqualTo(1);
		// Thread 2 kept its reading and its 5 ms remainder; thread 1 starts over.
		assertThat(table.weigh(2, 10 * MS, 11, INTERVAL)).isEqualTo(1);
		assertThat(table.weigh(1, 100 * MS, 11, INTERVAL)).isZero();
	}

	@Test
	void threadsKeptThroughAnEvictionKeepTheirStackAndReadingAndNewOnesStartOver() {
		ThreadCpuTable table = new ThreadCpuTable();
		for (long id = 1; id <= 300; id++) {
			table.weigh(id, 0, 1, INTERVAL);
		}
		for (long id = 3; id <= 300; id += 3) {
			table.weigh(id, 5 * MS, 10, INTERVAL);
			table.rememberStack(id, new int[] { (int) id, 7 }, 2, (int) id + 1);
		}

		table.evictOlderThan(5);

		assertThat(table.size()).isEqualTo(100);
		for (long id = 1; id <= 300; id++) {
			Sample sample = new Sample();
			if (id % 3 == 0) {
				assertThat(table.recallStack(id, sample)).as("thread %d", id).isTrue();
				assertThat(sample.frames[0]).isEqualTo((int) id);
				assertThat(sample.frames[1]).isEqualTo(7);
				assertThat(sample.tagSetId).isEqualTo((int) id + 1);
				// 5 ms carried from before the eviction, and 5 ms more.
				assertThat(table.weigh(id, 10 * MS, 11, INTERVAL)).isEqualTo(1);
			}
			else {
				assertThat(table.recallStack(id, sample)).as("thread %d", id).isFalse();
				assertThat(table.weigh(id, 100 * MS, 11, INTERVAL)).isZero();
				assertThat(table.recallStack(id, sample)).isFalse();
			}
		}
		assertThat(table.size()).isEqualTo(300);
	}

}
