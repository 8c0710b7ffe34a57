package io.github.profiling.bench;

import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;
import io.github.profiling.export.TreeJson;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.Sample;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.Window;
import io.github.profiling.tree.CallTree;

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
 * The store's costs: ingesting a sample (samples per second on one core, at server-like
 * stack depths of 50 to 90 frames), merging a minute of per-second trees for a windowed
 * query, and writing a 10 000-node tree as JSON.
 */
public class StoreBenchmarks {

	/** A clock the benchmarks move by hand, to spread samples over buckets. */
	static final class SteppedClock extends ProfilingClock {

		long now = 1_000_000_000L;

		@Override
		public long nanoTime() {
			return this.now;
		}

	}

	@State(Scope.Thread)
	public static class Ingest {

		final Sample sample = new Sample();

		int[][] stacks;

		int next;

		ProfileStore store;

		SteppedClock clock;

		int[] tagSetIds;

		@Setup(Level.Trial)
		public void setUp() {
			FrameTable frames = new FrameTable(100_000);
			TagSets tagSets = new TagSets(100);
			this.tagSetIds = new int[] { tagSets.intern(TagSet.of("http.route", "/{n}")),
					tagSets.intern(TagSet.of("http.route", "/orders/{id}")), TagSets.EMPTY_ID };
			this.stacks = SyntheticStacks.generate(frames, 4096, 42);
			this.clock = new SteppedClock();
			this.store = new ProfileStore(frames, tagSets, this.clock, Duration.ofSeconds(1), Duration.ofMinutes(5),
					100_000);
			this.sample.threadId = 42;
			this.sample.threadName = "http-nio-8080-exec-1";
			this.sample.weight = 1;
		}

	}

	/** One sample into the store: the per-sample cost a sampler pays. */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public void ingest(Ingest state) {
		int i = state.next++;
		int[] stack = state.stacks[i & 4095];
		Sample sample = state.sample;
		System.arraycopy(stack, 0, sample.ensureDepth(stack.length), 0, stack.length);
		sample.tagSetId = state.tagSetIds[i % 3];
		// A new second every 10 000 samples: buckets turn over as in a live server.
		if ((i % 10_000) == 0) {
			state.clock.now += 1_000_000_000L;
		}
		sample.timeNanos = state.clock.now;
		state.store.accept(sample);
	}

	@State(Scope.Benchmark)
	public static class Filled {

		ProfileStore store;

		ProfileQuery lastMinute;

		ProfileQuery lastMinuteOneRoute;

		QueryResult wholeStore;

		QueryResult tenThousandNodes;

		@Setup(Level.Trial)
		public void setUp() {
			FrameTable frames = new FrameTable(100_000);
			TagSets tagSets = new TagSets(100);
			int[] tagSetIds = { tagSets.intern(TagSet.of("http.route", "/{n}")),
					tagSets.intern(TagSet.of("http.route", "/orders/{id}")), TagSets.EMPTY_ID };
			int[][] stacks = SyntheticStacks.generate(frames, 4096, 7);
			SteppedClock clock = new SteppedClock();
			this.store = new ProfileStore(frames, tagSets, clock, Duration.ofSeconds(1), Duration.ofMinutes(5),
					100_000);
			Sample sample = new Sample();
			sample.threadName = "http-nio-8080-exec-1";
			sample.weight = 1;
			// A minute of a busy server: 2 000 samples a second.
			for (int second = 0; second < 60; second++) {
				for (int s = 0; s < 2000; s++) {
					int[] stack = stacks[(second * 2000 + s) & 4095];
					System.arraycopy(stack, 0, sample.ensureDepth(stack.length), 0, stack.length);
					sample.tagSetId = tagSetIds[s % 3];
					sample.timeNanos = clock.now;
					this.store.accept(sample);
				}
				clock.now += 1_000_000_000L;
			}
			this.lastMinute = new ProfileQuery(Window.lastSeconds(60), TagFilter.NONE, null,
					ProfileQuery.UNLIMITED_DEPTH, 0);
			this.lastMinuteOneRoute = new ProfileQuery(Window.lastSeconds(60),
					TagFilter.parse(java.util.List.of("http.route:/{n}")), null, ProfileQuery.UNLIMITED_DEPTH, 0);
			this.wholeStore = this.store.query(ProfileQuery.all());
			CallTree tree = new CallTree();
			for (int s = 0; tree.size() < 10_000; s++) {
				tree.add(stacks[s], stacks[s].length, 1 + (s % 7));
			}
			this.tenThousandNodes = new QueryResult(tree, frames, this.wholeStore.from(), this.wholeStore.to());
		}

	}

	/** A windowed query: merging 60 per-second trees of ~2 000 samples each. */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public QueryResult queryLastMinute(Filled state) {
		return state.store.query(state.lastMinute);
	}

	/**
	 * The same window, one route: filters pick groups, so this merges a third of the
	 * nodes.
	 */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public QueryResult queryLastMinuteOneRoute(Filled state) {
		return state.store.query(state.lastMinuteOneRoute);
	}

	/** The tree JSON of a 10 000-node tree. */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public String treeJson10kNodes(Filled state) {
		return TreeJson.write(new TreeJson.Header("jdk", "cpu", "samples"), state.tenThousandNodes);
	}

	/**
	 * The tree JSON of everything in the store: a minute of these stacks makes about half
	 * a million nodes.
	 */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public String treeJsonWholeStore(Filled state) {
		return TreeJson.write(new TreeJson.Header("jdk", "cpu", "samples"), state.wholeStore);
	}

}
