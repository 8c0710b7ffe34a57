package io.github.profiling.tracing;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.github.profiling.context.TagSet;
import io.github.profiling.model.FrameTable;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.ProfileStore;
import io.github.profiling.store.Recording;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.Window;
import io.github.profiling.traced.Workload;
import io.github.profiling.tree.CallTree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracer on real instrumented code ({@link Workload}): exact call counts, own and
 * deep time, exceptions, recursion, tags, and removal of the instrumentation.
 */
class TracerTests {

	private static final String WORKLOAD = Workload.class.getName() + ".";

	private static final TracingTargets TARGETS = new TracingTargets(List.of("io.github.profiling.traced.**"),
			List.of());

	private FrameTable frames;

	private ProfilingContext context;

	private ProfileStore store;

	private Tracer tracer;

	@BeforeEach
	void startTracing() throws Exception {
		this.frames = new FrameTable(100_000);
		this.context = new ProfilingContext(100, 100);
		this.store = newStore();
		this.tracer = Tracer.start(TARGETS, this.store, this.frames, this.context, ProfilingClock.SYSTEM);
	}

	private ProfileStore newStore() {
		ProfileStore store = new ProfileStore(this.frames, this.context.tagSets(), ProfilingClock.SYSTEM,
				Duration.ofSeconds(1), Duration.ofMinutes(1), 1_000_000);
		store.startRecording(Recording.ofTracer());
		return store;
	}

	@AfterEach
	void stopTracing() {
		if (this.tracer != null) {
			this.tracer.close();
		}
	}

	@Test
	void countsEveryCallExactlyWithThreadsCallingConcurrently() throws Exception {
		int threads = 4;
		int callsPerThread = 20_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				awaitQuietly(start);
				for (int i = 0; i < callsPerThread; i++) {
					Workload.outer();
				}
			}, "worker-" + t);
			worker.start();
			workers.add(worker);
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join(TimeUnit.MINUTES.toMillis(2));
			assertThat(worker.isAlive()).isFalse();
		}
		CallTree tree = query(ProfileQuery.all());
		int outer = child(tree, CallTree.ROOT, "outer");
		assertThat(tree.calls(outer)).isEqualTo((long) threads * callsPerThread);
		assertThat(tree.calls(child(tree, outer, "inner"))).isEqualTo(2L * threads * callsPerThread);
		assertThat(tree.hasCallMetrics()).isTrue();
		assertInvariants(tree);
		// Dead threads are dropped once collected.
		assertThat(this.tracer.threads()).isLessThanOrEqualTo(1);
	}

	@Test
	void ownTimeExcludesCalleesAndDeepTimeIncludesThem() {
		long spinNanos = 2_000_000;
		for (int i = 0; i < 5; i++) {
			Workload.callsSpin(spinNanos);
		}
		CallTree tree = query(ProfileQuery.all());
		int caller = child(tree, CallTree.ROOT, "callsSpin");
		int callee = child(tree, caller, "spin");
		assertThat(tree.calls(caller)).isEqualTo(5);
		assertThat(tree.calls(callee)).isEqualTo(5);
		// spin ran at least 2 ms each time, by construction.
		assertThat(tree.deepNanos(callee)).isGreaterThanOrEqualTo(5 * spinNanos);
		assertThat(tree.deepNanos(caller)).isGreaterThanOrEqualTo(tree.deepNanos(callee));
		// The caller's own time is exactly its deep time less its callee's.
		assertThat(tree.ownNanos(caller)).isEqualTo(tree.deepNanos(caller) - tree.deepNanos(callee));
		assertThat(tree.ownNanos(callee)).isEqualTo(tree.deepNanos(callee));
		// The tree's weight is OWN nanoseconds, so its DEEP agrees with the measured deep
		// time.
		assertThat(tree.own(caller)).isEqualTo(tree.ownNanos(caller));
		assertThat(tree.deep(caller)).isEqualTo(tree.deepNanos(caller));
		assertInvariants(tree);
	}

	@Test
	void exceptionsLeaveTheirFrames() {
		for (int i = 0; i < 10; i++) {
			assertThat(Workload.catchFrom(4)).isTrue();
		}
		Workload.outer();
		assertThat(this.tracer.threadCalls().depth()).as("calls in progress after the exceptions").isZero();
		CallTree tree = query(ProfileQuery.all());
		int node = child(tree, CallTree.ROOT, "catchFrom");
		assertThat(tree.calls(node)).isEqualTo(10);
		for (int depth = 1; depth <= 4; depth++) {
			node = child(tree, node, "throwFrom");
			assertThat(tree.calls(node)).as("throwFrom at depth %d", depth).isEqualTo(10);
		}
		assertThat(tree.firstChild(node)).isEqualTo(CallTree.NONE);
		// The call after the exceptions is an outermost call again, not one below
		// throwFrom.
		int outer = child(tree, CallTree.ROOT, "outer");
		assertThat(tree.calls(outer)).isEqualTo(1);
		assertThat(tree.calls(child(tree, outer, "inner"))).isEqualTo(2);
		assertInvariants(tree);
	}

	@Test
	void recursionMakesOneNodePerLevel() {
		for (int i = 0; i < 3; i++) {
			assertThat(Workload.recurse(100)).isEqualTo(100);
		}
		CallTree tree = query(ProfileQuery.all());
		int node = CallTree.ROOT;
		for (int depth = 1; depth <= 100; depth++) {
			node = child(tree, node, "recurse");
			assertThat(tree.calls(node)).as("calls at depth %d", depth).isEqualTo(3);
		}
		assertThat(tree.firstChild(node)).isEqualTo(CallTree.NONE);
		assertInvariants(tree);
	}

	@Test
	void tagsSplitTheCallsExactly() {
		try (Scope scope = this.context.openScope(TagSet.of("route", "/a"), null)) {
			for (int i = 0; i < 3; i++) {
				Workload.outer();
			}
		}
		try (Scope scope = this.context.openScope(TagSet.of("route", "/b"), null)) {
			for (int i = 0; i < 5; i++) {
				Workload.outer();
			}
		}
		Workload.outer();
		assertThat(outerCalls("route:/a")).isEqualTo(3);
		assertThat(outerCalls("route:/b")).isEqualTo(5);
		assertThat(outerCalls(null)).isEqualTo(9);
	}

	private long outerCalls(String tag) {
		TagFilter filter = (tag != null) ? TagFilter.parse(List.of(tag)) : TagFilter.NONE;
		CallTree tree = query(new ProfileQuery(Window.sinceStart(), filter, null, ProfileQuery.UNLIMITED_DEPTH, 0));
		assertInvariants(tree);
		return tree.calls(child(tree, CallTree.ROOT, "outer"));
	}

	@Test
	void closingRemovesTheInstrumentationAndStartingAgainRestoresIt() throws Exception {
		Workload.outer();
		this.tracer.close();
		this.tracer = null;

		// A tracer that instruments nothing records only what instrumented code still
		// reports.
		ProfileStore probeStore = newStore();
		Tracer probe = Tracer.recordingOnly(probeStore, this.context, ProfilingClock.SYSTEM);
		try {
			for (int i = 0; i < 1000; i++) {
				Workload.outer();
				Workload.recurse(10);
			}
			probe.flush();
			assertThat(probeStore.query(ProfileQuery.all()).tree().size()).as("nodes recorded after tracing stopped")
				.isEqualTo(1);
		}
		finally {
			probe.close();
		}

		ProfileStore again = newStore();
		this.tracer = Tracer.start(TARGETS, again, this.frames, this.context, ProfilingClock.SYSTEM);
		Workload.outer();
		this.tracer.flush();
		CallTree tree = again.query(ProfileQuery.all()).tree();
		assertThat(tree.calls(child(tree, CallTree.ROOT, "outer"))).isEqualTo(1);
	}

	@Test
	void instrumentationKeepsParameterNames() throws Exception {
		Workload.outer();
		assertThat(Workload.class.getMethod("recurse", int.class).getParameters()[0].getName())
			.as("name of a parameter while traced")
			.isEqualTo("depth");
		this.tracer.close();
		this.tracer = null;
		assertThat(Workload.class.getMethod("recurse", int.class).getParameters()[0].getName())
			.as("name of a parameter after tracing")
			.isEqualTo("depth");
	}

	@Test
	void onlyOneTracerRunsAtATime() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(
					() -> Tracer.start(TARGETS, newStore(), this.frames, this.context, ProfilingClock.SYSTEM))
			.isInstanceOf(TracingUnavailableException.class)
			.hasMessageContaining("another profiler");
	}

	@Test
	void nothingToTraceIsRefused() {
		this.tracer.close();
		this.tracer = null;
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> Tracer.start(TracingTargets.NONE, newStore(), this.frames, this.context, ProfilingClock.SYSTEM))
			.isInstanceOf(TracingUnavailableException.class)
			.hasMessageContaining("tracing.include");
	}

	private CallTree query(ProfileQuery query) {
		this.tracer.flush();
		return this.store.query(query).tree();
	}

	/**
	 * The child of {@code node} for the workload method {@code method}; fails if absent.
	 */
	private int child(CallTree tree, int node, String method) {
		int found = tree.child(node, this.frames.intern(WORKLOAD + method));
		assertThat(found).as("node %s below %s", method, this.frames.name(tree.frame(node)))
			.isNotEqualTo(CallTree.NONE);
		return found;
	}

	/**
	 * deep == own + Σ children.deep, deep >= own >= 0, and calls' deep time covers their
	 * callees'.
	 */
	static void assertInvariants(CallTree tree) {
		for (int node = 0; node < tree.size(); node++) {
			long childrenDeep = 0;
			long childrenDeepNanos = 0;
			for (int c = tree.firstChild(node); c != CallTree.NONE; c = tree.nextSibling(c)) {
				childrenDeep += tree.deep(c);
				childrenDeepNanos += tree.deepNanos(c);
			}
			assertThat(tree.deep(node)).isEqualTo(tree.own(node) + childrenDeep);
			assertThat(tree.own(node)).isGreaterThanOrEqualTo(0);
			if (node != CallTree.ROOT) {
				assertThat(tree.deepNanos(node)).as("deep time of a caller covers its callees'")
					.isGreaterThanOrEqualTo(childrenDeepNanos);
				assertThat(tree.ownNanos(node)).isEqualTo(tree.deepNanos(node) - childrenDeepNanos);
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
