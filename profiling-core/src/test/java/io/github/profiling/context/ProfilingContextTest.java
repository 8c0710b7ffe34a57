package io.github.profiling.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProfilingContextTest {

	private final ProfilingContext context = new ProfilingContext(100, 64);

	private TagSet currentTags() {
		return this.context.tagsOf(Thread.currentThread());
	}

	/** A source whose tags the test changes, counting how often they are read. */
	private static final class ChangingSource implements TagSource {

		volatile TagSet tags;

		volatile boolean complete;

		final AtomicInteger reads = new AtomicInteger();

		ChangingSource(TagSet tags) {
			this.tags = tags;
		}

		@Override
		public TagSet tags() {
			this.reads.incrementAndGet();
			return this.tags;
		}

		@Override
		public boolean isComplete() {
			return this.complete;
		}

	}

	@Test
	void aRequestsIdFollowsItsNestedScopesItsSpansAndTheScopesThatContinueItElsewhere() throws Exception {
		SpanTimeline.SpanRecording recording = this.context.spans().startRecording();
		try {
			int requestId = this.context.newRequestId();
			long threadId = Thread.currentThread().getId();
			assertThat(requestId).isNotEqualTo(ScopeIds.NO_REQUEST);
			assertThat(this.context.newRequestId()).isNotEqualTo(requestId);
			assertThat(this.context.idsOf(Thread.currentThread())).isEqualTo(ScopeIds.NONE);
			Scope request = this.context.openScope(TagSet.of("http.route", "/a"), null, requestId);
			Scope user = this.context.openScope(TagSet.of("phase", "load"), null);
			long inUser = System.nanoTime();
			assertThat(ScopeIds.requestId(this.context.idsOf(Thread.currentThread()))).isEqualTo(requestId);
			long[] onWorker = new long[1];
			Thread worker = new Thread(() -> {
				try (Scope continued = this.context.openScope(null, user.asSource(), user.requestId())) {
					onWorker[0] = this.context.idsOf(Thread.currentThread());
				}
			});
			worker.start();
			worker.join();
			assertThat(ScopeIds.requestId(onWorker[0])).isEqualTo(requestId);
			assertThat(this.context.tagSets().get(ScopeIds.tagSetId(onWorker[0])))
				.isEqualTo(TagSet.of(Map.of("http.route", "/a", "phase", "load")));
			// Still open: found among the open scopes; once closed: in the timeline.
			assertThat(ScopeIds.requestId(this.context.idsAt(threadId, inUser))).isEqualTo(requestId);
			user.close();
			request.close();
			assertThat(ScopeIds.requestId(this.context.idsAt(threadId, inUser))).isEqualTo(requestId);
			assertThat(ScopeIds.requestId(this.context.idsAt(worker.getId(), System.nanoTime())))
				.isEqualTo(ScopeIds.NO_REQUEST);
			try (Scope outside = this.context.openScope(TagSet.of("job", "x"), null)) {
				assertThat(ScopeIds.requestId(this.context.idsOf(Thread.currentThread())))
					.isEqualTo(ScopeIds.NO_REQUEST);
			}
		}
		finally {
			recording.close();
		}
	}

	@Test
	void aLateSampleCloseToASwitchToAnotherRequestKeepsItsTagsButNoRequest() throws Exception {
		SpanTimeline.SpanRecording recording = this.context.spans().startRecording();
		try {
			long threadId = Thread.currentThread().getId();
			TagSet a = TagSet.of("http.route", "/a");
			TagSet b = TagSet.of("http.route", "/b");
			// Two requests back to back: the switch from the first to the second must
			// take
			// well under the margin, which a preempted thread may miss; so until it does.
			int first;
			long startOfFirst;
			long endOfFirstWork;
			long afterStartOfSecond;
			int attempts = 0;
			do {
				first = this.context.newRequestId();
				startOfFirst = System.nanoTime();
				Scope scope = this.context.openScope(a, null, first);
				spin(2_000_000);
				endOfFirstWork = System.nanoTime();
				scope.close();
				scope = this.context.openScope(b, null, this.context.newRequestId());
				afterStartOfSecond = System.nanoTime();
				spin(2_000_000);
				scope.close();
			}
			while (afterStartOfSecond - endOfFirstWork > 50_000 && ++attempts < 20);
			assertThat(afterStartOfSecond - endOfFirstWork).as("the switch, in nanoseconds")
				.isLessThanOrEqualTo(50_000);
			// A gap without any request before the third.
			spin(2_000_000);
			int third = this.context.newRequestId();
			Scope scope = this.context.openScope(a, null, third);
			long afterStartOfThird = System.nanoTime();
			spin(2_000_000);
			scope.close();

			long mid = this.context.idsOfLateSample(threadId, startOfFirst + 1_000_000);
			assertThat(ScopeIds.requestId(mid)).as("well inside the first").isEqualTo(first);
			long justBefore = this.context.idsOfLateSample(threadId, endOfFirstWork - 10_000);
			assertThat(this.context.tagSets().get(ScopeIds.tagSetId(justBefore))).isEqualTo(a);
			assertThat(ScopeIds.requestId(justBefore)).as("just before the second began")
				.isEqualTo(ScopeIds.NO_REQUEST);
			long justAfter = this.context.idsOfLateSample(threadId, afterStartOfSecond + 10_000);
			assertThat(this.context.tagSets().get(ScopeIds.tagSetId(justAfter))).isEqualTo(b);
			assertThat(ScopeIds.requestId(justAfter)).as("just after the first ended").isEqualTo(ScopeIds.NO_REQUEST);
			// Next to untagged time, not to another request: the request stays.
			assertThat(ScopeIds.requestId(this.context.idsOfLateSample(threadId, afterStartOfThird + 10_000)))
				.isEqualTo(third);
			// Timed by the same clock as the spans, the plain lookup keeps every request.
			assertThat(ScopeIds.requestId(this.context.idsAt(threadId, endOfFirstWork - 10_000))).isEqualTo(first);
		}
		finally {
			recording.close();
		}
	}

	private static void spin(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

	@Test
	void outsideAnyScopeAThreadHasNoTags() {
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
		assertThat(this.context.tagSetIdOf(Thread.currentThread())).isEqualTo(TagSets.EMPTY_ID);
		assertThat(this.context.activeThreads()).isZero();
	}

	@Test
	void nestedScopesMergeTagsAndTheInnerWinsOnTheSameKey() {
		Scope outer = this.context.openScope(TagSet.of(Map.of("tenant", "a", "job", "x")), null);
		Scope inner = this.context.openScope(TagSet.of(Map.of("job", "y", "step", "1")), null);

		TagSet merged = TagSet.of(Map.of("tenant", "a", "job", "y", "step", "1"));
		assertThat(currentTags()).isEqualTo(merged);
		assertThat(inner.tags()).isEqualTo(merged);
		assertThat(outer.tags()).isEqualTo(TagSet.of(Map.of("tenant", "a", "job", "x")));
		assertThat(this.context.tagSetIdOf(Thread.currentThread())).isEqualTo(this.context.tagSets().intern(merged));

		inner.close();
		assertThat(currentTags()).isEqualTo(TagSet.of(Map.of("tenant", "a", "job", "x")));
		outer.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
		assertThat(this.context.activeThreads()).isZero();
	}

	@Test
	void tryWithResourcesRestoresTheOuterTags() {
		try (Scope outer = this.context.openScope(TagSet.of("tenant", "a"), null)) {
			for (int i = 0; i < 3; i++) {
				try (Scope inner = this.context.openScope(TagSet.of("item", "" + i), null)) {
					assertThat(currentTags()).isEqualTo(TagSet.of(Map.of("tenant", "a", "item", "" + i)));
				}
				assertThat(currentTags()).isEqualTo(TagSet.of("tenant", "a"));
			}
		}
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
	}

	@Test
	void closingAnOuterScopeClosesTheInnerOnesToo() {
		Scope a = this.context.openScope(TagSet.of("a", "1"), null);
		Scope b = this.context.openScope(TagSet.of("b", "2"), null);
		Scope c = this.context.openScope(TagSet.of("c", "3"), null);

		a.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
		assertThat(this.context.activeThreads()).isZero();

		// The forgotten inner scopes are closed already; closing them late changes
		// nothing.
		c.close();
		b.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
		Scope fresh = this.context.openScope(TagSet.of("d", "4"), null);
		assertThat(currentTags()).isEqualTo(TagSet.of("d", "4"));
		b.close();
		assertThat(currentTags()).isEqualTo(TagSet.of("d", "4"));
		fresh.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
	}

	@Test
	void closingAMiddleScopeKeepsTheOuterOne() {
		Scope a = this.context.openScope(TagSet.of("a", "1"), null);
		Scope b = this.context.openScope(TagSet.of("b", "2"), null);
		Scope c = this.context.openScope(TagSet.of("c", "3"), null);

		b.close();
		assertThat(currentTags()).isEqualTo(TagSet.of("a", "1"));
		c.close();
		assertThat(currentTags()).isEqualTo(TagSet.of("a", "1"));
		a.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
	}

	@Test
	void closingTwiceIsHarmless() {
		Scope a = this.context.openScope(TagSet.of("a", "1"), null);
		Scope b = this.context.openScope(TagSet.of("b", "2"), null);
		b.close();
		b.close();
		assertThat(currentTags()).isEqualTo(TagSet.of("a", "1"));
		a.close();
		a.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
	}

	@Test
	void closingFromAnotherThreadDoesNothing() throws Exception {
		Scope outer = this.context.openScope(TagSet.of("a", "1"), null);
		Scope inner = this.context.openScope(TagSet.of("b", "2"), null);

		Thread other = new Thread(() -> {
			inner.close();
			outer.close();
		});
		other.start();
		other.join();

		assertThat(currentTags()).isEqualTo(TagSet.of(Map.of("a", "1", "b", "2")));
		assertThat(this.context.activeThreads()).isEqualTo(1);
		inner.close();
		assertThat(currentTags()).isEqualTo(TagSet.of("a", "1"));
		outer.close();
		assertThat(currentTags()).isSameAs(TagSet.EMPTY);
	}

	@Test
	void aTagSourceIsReReadUntilCompleteAndThenCached() {
		ChangingSource source = new ChangingSource(TagSet.of("http.method", "GET"));
		Scope scope = this.context.openScope(null, source);

		assertThat(currentTags()).isEqualTo(TagSet.of("http.method", "GET"));
		// The route becomes known later, while the scope is open.
		source.tags = TagSet.of(Map.of("http.method", "GET", "http.route", "/{n}"));
		assertThat(currentTags()).isEqualTo(TagSet.of(Map.of("http.method", "GET", "http.route", "/{n}")));
		int readsBeforeComplete = source.reads.get();
		assertThat(currentTags()).isEqualTo(TagSet.of(Map.of("http.method", "GET", "http.route", "/{n}")));
		assertThat(source.reads.get()).as("read again while incomplete").isGreaterThan(readsBeforeComplete);

		source.complete = true;
		TagSet complete = currentTags();
		int readsWhenComplete = source.reads.get();
		for (int i = 0; i < 5; i++) {
			assertThat(currentTags()).isEqualTo(complete);
			assertThat(scope.tags()).isEqualTo(complete);
		}
		assertThat(source.reads.get()).as("not read once complete").isEqualTo(readsWhenComplete);
		scope.close();
	}

	@Test
	void anInnerScopeFollowsAnOuterSourceUntilItIsComplete() {
		ChangingSource source = new ChangingSource(TagSet.of("http.method", "GET"));
		Scope outer = this.context.openScope(null, source);
		Scope inner = this.context.openScope(TagSet.of("tenant", "a"), null);
		assertThat(currentTags()).isEqualTo(TagSet.of(Map.of("http.method", "GET", "tenant", "a")));

		source.tags = TagSet.of(Map.of("http.method", "GET", "http.route", "/{n}"));
		source.complete = true;
		assertThat(currentTags())
			.isEqualTo(TagSet.of(Map.of("http.method", "GET", "http.route", "/{n}", "tenant", "a")));

		inner.close();
		outer.close();
	}

	@Test
	void anotherThreadSeesTheTagsOfAThreadInAScope() throws Exception {
		CountDownLatch opened = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		TagSet tags = TagSet.of(Map.of("job", "x", "tenant", "b"));
		Thread worker = new Thread(() -> {
			try (Scope scope = this.context.openScope(tags, null)) {
				opened.countDown();
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			closed.countDown();
			try {
				Thread.sleep(Long.MAX_VALUE);
			}
			catch (InterruptedException ex) {
				// done
			}
		}, "tagged-worker");
		worker.start();
		try {
			assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();

			assertThat(this.context.tagsOf(worker)).isEqualTo(tags);
			assertThat(this.context.tagSetIdOf(worker)).isEqualTo(this.context.tagSets().intern(tags));
			assertThat(currentTags()).isSameAs(TagSet.EMPTY);
			List<Thread> active = new ArrayList<>();
			this.context.forEachActiveThread(active::add);
			assertThat(active).containsExactly(worker);

			release.countDown();
			assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.context.tagsOf(worker)).isSameAs(TagSet.EMPTY);
			assertThat(this.context.activeThreads()).isZero();
		}
		finally {
			release.countDown();
			worker.interrupt();
			worker.join();
		}
	}

	@Test
	void aScopeWithNeitherTagsNorSourceIsRejectedWhenOpened() {
		try (Scope outer = this.context.openScope(TagSet.of("a", "1"), null)) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.context.openScope(null, null));
			// Reading the thread's tags, as a sampler does, still works.
			assertThat(this.context.tagsOf(Thread.currentThread())).isEqualTo(TagSet.of("a", "1"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.context.openScope(null, null));
		assertThat(this.context.tagsOf(Thread.currentThread())).isSameAs(TagSet.EMPTY);
		assertThat(this.context.activeThreads()).isZero();
	}

	@Test
	void contextsAreIndependentOfEachOther() {
		ProfilingContext other = new ProfilingContext(100, 64);
		try (Scope scope = this.context.openScope(TagSet.of("a", "1"), null)) {
			assertThat(other.tagsOf(Thread.currentThread())).isSameAs(TagSet.EMPTY);
			assertThat(currentTags()).isEqualTo(TagSet.of("a", "1"));
		}
	}

	@Test
	void tagSetsBeyondTheCapAreRecordedAsOverflow() {
		// Room for EMPTY, OVERFLOW and one more.
		ProfilingContext small = new ProfilingContext(3, 64);
		try (Scope scope = small.openScope(TagSet.of("user", "1"), null)) {
			assertThat(small.tagsOf(Thread.currentThread())).isEqualTo(TagSet.of("user", "1"));
		}
		try (Scope scope = small.openScope(TagSet.of("user", "2"), null)) {
			assertThat(small.tagsOf(Thread.currentThread())).isSameAs(TagSets.OVERFLOW);
		}
		try (Scope scope = small.openScope(TagSet.of("user", "1"), null)) {
			assertThat(small.tagsOf(Thread.currentThread())).isEqualTo(TagSet.of("user", "1"));
		}
		assertThat(small.tagSets().keys()).containsExactly("user");
	}

	@Test
	void theGlobalContextBacksTheStaticMethods() {
		try (Scope outer = ProfilingContext.open("tenant", "g")) {
			try (Scope inner = ProfilingContext.open(Map.of("job", "j"))) {
				assertThat(ProfilingContext.currentTags()).isEqualTo(TagSet.of(Map.of("tenant", "g", "job", "j")));
				assertThat(ProfilingContext.global().tagsOf(Thread.currentThread()))
					.isEqualTo(TagSet.of(Map.of("tenant", "g", "job", "j")));
			}
		}
		assertThat(ProfilingContext.currentTags()).isSameAs(TagSet.EMPTY);
		AtomicReference<TagSet> seen = new AtomicReference<>();
		ChangingSource source = new ChangingSource(TagSet.of("k", "v"));
		try (Scope scope = ProfilingContext.open(source)) {
			seen.set(ProfilingContext.currentTags());
		}
		assertThat(seen.get()).isEqualTo(TagSet.of("k", "v"));
	}

}
