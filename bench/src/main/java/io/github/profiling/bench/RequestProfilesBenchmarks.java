package io.github.profiling.bench;

import io.github.profiling.bench.StoreBenchmarks.SteppedClock;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.Sample;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.store.Recording;
import io.github.profiling.store.RequestProfiles;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What keeping the slowest requests costs per sample and per request: a request's sample
 * into the store and the kept requests together (against the store alone, the same
 * samples), and a request's end that is not kept (the usual case: one lookup and a
 * comparison).
 */
public class RequestProfilesBenchmarks {

	@State(Scope.Thread)
	public static class Ingest {

		final Sample sample = new Sample();

		int[][] stacks;

		int next;

		ProfileStore store;

		RequestProfiles requests;

		SteppedClock clock;

		int tagSetId;

		@Setup(Level.Trial)
		public void setUp() {
			FrameTable frames = new FrameTable(100_000);
			TagSets tagSets = new TagSets(100);
			this.tagSetId = tagSets.intern(TagSet.of("http.route", "/orders/{id}"));
			this.stacks = SyntheticStacks.generate(frames, 4096, 42);
			this.clock = new SteppedClock();
			this.store = new ProfileStore(frames, tagSets, this.clock, Duration.ofSeconds(1), Duration.ofMinutes(5),
					100_000);
			this.requests = new RequestProfiles(frames, tagSets, this.clock, Duration.ofMinutes(5),
					RequestProfiles.Settings.defaults());
			this.requests.startRecording(new Recording("jdk", "cpu", Duration.ofMillis(10), "samples"));
			this.sample.threadId = 42;
			this.sample.threadName = "http-nio-8080-exec-1";
			this.sample.weight = 1;
			this.sample.tagSetId = this.tagSetId;
		}

		/**
		 * The next sample, of a request that takes 20 samples, in a new second now and
		 * then.
		 */
		Sample next() {
			int i = this.next++;
			int[] stack = this.stacks[i & 4095];
			System.arraycopy(stack, 0, this.sample.ensureDepth(stack.length), 0, stack.length);
			if ((i % 10_000) == 0) {
				this.clock.now += 1_000_000_000L;
			}
			this.sample.timeNanos = this.clock.now;
			this.sample.requestId = 1 + i / 20;
			return this.sample;
		}

	}

	/** The baseline: a request's sample into the store only. */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public void storeOnly(Ingest state) {
		state.store.accept(state.next());
	}

	/** The same sample into the store and the kept requests (waiting in their ring). */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public void storeAndRequests(Ingest state) {
		Sample sample = state.next();
		state.store.accept(sample);
		state.requests.accept(sample);
	}

	@State(Scope.Thread)
	public static class Ends {

		RequestProfiles requests;

		int tagSetId;

		int next = 1_000;

		@Setup(Level.Trial)
		public void setUp() {
			TagSets tagSets = new TagSets(100);
			this.tagSetId = tagSets.intern(TagSet.of("http.route", "/orders/{id}"));
			SteppedClock clock = new SteppedClock();
			this.requests = new RequestProfiles(new FrameTable(1_000), tagSets, clock, Duration.ofMinutes(5),
					RequestProfiles.Settings.defaults());
			this.requests.startRecording(new Recording("jdk", "cpu", Duration.ofMillis(10), "samples"));
			// The minute's ten slowest are kept already, each of a second.
			for (int i = 1; i <= 10; i++) {
				this.requests.requestEnded(i, this.tagSetId, clock.now, clock.now + 1_000_000_000L);
			}
		}

	}

	/** A request's end that is not kept: faster than the minute's ten slowest. */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public boolean requestEndedNotKept(Ends state) {
		int id = state.next++;
		return state.requests.requestEnded(id, state.tagSetId, 1_000_000_000L, 1_002_000_000L);
	}

}
