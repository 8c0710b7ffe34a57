package io.github.profiling.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Per-thread profiling tags: every sample taken on a thread carries the tags of the
 * scopes open on it. Request tagging opens one scope per HTTP request; users open their
 * own for what they want to tell apart (a tenant, a batch job):
 *
 * <pre>{@code
 * try (Scope scope = ProfilingContext.open("tenant", tenantId)) {
 *     ...
 * }
 * }</pre>
 *
 * Scopes nest: an inner scope's tags are merged over the outer ones'. One process-wide
 * instance ({@link #global()}) backs the static methods, as the logging MDC does, so that
 * any library can tag its work without a reference to the profiler.
 */
public final class ProfilingContext {

	/** Distinct tag sets kept; more are recorded as {@link TagSets#OVERFLOW}. */
	public static final int MAX_TAG_SETS = 10_000;

	/** Closed spans kept for samplers that match samples to spans later. */
	public static final int SPAN_CAPACITY = 65_536;

	private static final ProfilingContext GLOBAL = new ProfilingContext(MAX_TAG_SETS, SPAN_CAPACITY);

	final TagSets tagSets;

	final SpanTimeline spans;

	final StackTags stackTags = new StackTags();

	private final ThreadLocal<ThreadContext> current = new ThreadLocal<>();

	private final AtomicInteger requestIds = new AtomicInteger();

	// Threads with open scopes, so that a sampler on another thread can read their tags,
	// and so
	// that virtual threads serving requests (absent from Thread.getAllStackTraces) can be
	// found.
	private final ConcurrentHashMap<Thread, ThreadContext> active = new ConcurrentHashMap<>();

	// java.lang.VirtualThread and the JDK's bound virtual threads; null before JDK 21.
	private static final Class<?> VIRTUAL_THREAD_CLASS = loadClass("java.lang.BaseVirtualThread");

	// Told once of the first scope that opens on a virtual thread after they asked.
	private final List<Runnable> virtualThreadListeners = new ArrayList<>();

	private volatile boolean virtualThreadsWatched;

	public ProfilingContext(int maxTagSets, int spanCapacity) {
		this.tagSets = new TagSets(maxTagSets);
		this.spans = new SpanTimeline(spanCapacity);
	}

	public static ProfilingContext global() {
		return GLOBAL;
	}

	public static Scope open(String key, String value) {
		return GLOBAL.openScope(TagSet.of(key, value), null);
	}

	public static Scope open(Map<String, String> tags) {
		return GLOBAL.openScope(TagSet.of(tags), null);
	}

	/** Opens a scope whose tags become known while it is open (see {@link TagSource}). */
	public static Scope open(TagSource source) {
		return GLOBAL.openScope(null, source);
	}

	/**
	 * The current thread's innermost open scope, or {@code null}: what context
	 * propagation captures to carry a request's tags to the thread that continues its
	 * work.
	 */
	public Scope currentScope() {
		ThreadContext context = this.current.get();
		return (context != null) ? context.top : null;
	}

	/** The tags of the current thread, {@link TagSet#EMPTY} outside any scope. */
	public static TagSet currentTags() {
		return GLOBAL.tagsOf(Thread.currentThread());
	}

	public Scope openScope(TagSet tags, TagSource source) {
		return openScope(tags, source, ScopeIds.NO_REQUEST);
	}

	/**
	 * Opens a scope that works for request {@code requestId} (from
	 * {@link #newRequestId()}; {@link ScopeIds#NO_REQUEST}: the enclosing scope's
	 * request, if any): samples taken in it are that request's.
	 */
	public Scope openScope(TagSet tags, TagSource source, int requestId) {
		if (tags == null && source == null) {
			// Would fail later, on every read of this thread's tags by a sampler.
			throw new IllegalArgumentException("a scope needs tags or a tag source");
		}
		ThreadContext context = this.current.get();
		if (context == null) {
			Thread thread = Thread.currentThread();
			context = new ThreadContext(thread, this.tagSets, this);
			this.current.set(context);
			this.active.put(thread, context);
			if (this.virtualThreadsWatched && isVirtual(thread)) {
				virtualThreadScopeOpened();
			}
		}
		return context.open(tags, source, requestId);
	}

	/**
	 * A new request id: never {@link ScopeIds#NO_REQUEST}, unique among the last 2^32
	 * requests.
	 */
	public int newRequestId() {
		int id = this.requestIds.incrementAndGet();
		return (id != ScopeIds.NO_REQUEST) ? id : this.requestIds.incrementAndGet();
	}

	/**
	 * Calls {@code listener} once, on the thread that opens it, when a scope next opens
	 * on a virtual thread: the sign that requests run on virtual threads. It must return
	 * quickly.
	 */
	public void onVirtualThreadScope(Runnable listener) {
		synchronized (this.virtualThreadListeners) {
			this.virtualThreadListeners.add(listener);
			this.virtualThreadsWatched = true;
		}
	}

	private void virtualThreadScopeOpened() {
		List<Runnable> listeners;
		synchronized (this.virtualThreadListeners) {
			listeners = List.copyOf(this.virtualThreadListeners);
			this.virtualThreadListeners.clear();
			this.virtualThreadsWatched = false;
		}
		listeners.forEach(Runnable::run);
	}

	/** Whether {@code thread} is a virtual thread (JDK 21+). */
	public static boolean isVirtual(Thread thread) {
		return VIRTUAL_THREAD_CLASS != null && VIRTUAL_THREAD_CLASS.isInstance(thread);
	}

	private static Class<?> loadClass(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	void release(ThreadContext context) {
		this.current.remove();
		this.active.remove(context.thread);
	}

	/**
	 * The tag-set id of {@code thread}'s current scopes; allocation-free once tags are
	 * complete.
	 */
	public int tagSetIdOf(Thread thread) {
		ThreadContext context = this.active.get(thread);
		return (context != null) ? context.tagSetId() : TagSets.EMPTY_ID;
	}

	/**
	 * The {@link ScopeIds} of {@code thread}'s current scopes, {@link ScopeIds#NONE}
	 * outside any; allocation-free once tags are complete.
	 */
	public long idsOf(Thread thread) {
		ThreadContext context = this.active.get(thread);
		return (context != null) ? context.ids() : ScopeIds.NONE;
	}

	/**
	 * The tag-set id that thread {@code threadId} carried at {@code timeNanos}: that of
	 * the innermost span covering the time, closed ({@link SpanTimeline}, which must be
	 * recording) or still open; {@link TagSets#EMPTY_ID} outside any scope. For samplers
	 * that deliver samples after the fact with a thread id and a time.
	 */
	public int tagSetIdAt(long threadId, long timeNanos) {
		return ScopeIds.tagSetId(idsAt(threadId, timeNanos));
	}

	/**
	 * As {@link #tagSetIdAt}, with the request: the {@link ScopeIds} thread
	 * {@code threadId} carried at {@code timeNanos}, {@link ScopeIds#NONE} outside any
	 * scope.
	 */
	public long idsAt(long threadId, long timeNanos) {
		long closed = this.spans.idsAt(threadId, timeNanos);
		if (ScopeIds.tagSetId(closed) >= 0) {
			return closed;
		}
		for (ThreadContext context : this.active.values()) {
			if (context.threadId == threadId) {
				long open = context.idsAt(timeNanos);
				if (ScopeIds.tagSetId(open) >= 0) {
					return open;
				}
			}
		}
		// A scope may have closed between the two looks: its span is in the timeline now.
		closed = this.spans.idsAt(threadId, timeNanos);
		return (ScopeIds.tagSetId(closed) >= 0) ? closed : ScopeIds.NONE;
	}

	/**
	 * How far apart the clock of a late sample (JFR's or async-profiler's ticks, turned
	 * into {@link System#nanoTime()} by a frequency and an offset estimated per chunk)
	 * and the clock of the spans may be, with room to spare.
	 */
	static final long LATE_CLOCK_ERROR_NANOS = 100_000;

	/**
	 * As {@link #idsAt}, for a sample timed by another clock (a late sampler's): a sample
	 * this close ({@link #LATE_CLOCK_ERROR_NANOS}) to a switch of its thread to another
	 * request may belong to either, so it keeps the tags found but no request, and no
	 * request's own tree ever holds another request's work.
	 */
	public long idsOfLateSample(long threadId, long timeNanos) {
		long ids = idsAt(threadId, timeNanos);
		int requestId = ScopeIds.requestId(ids);
		if (requestId == ScopeIds.NO_REQUEST) {
			return ids;
		}
		if (isOtherRequest(idsAt(threadId, timeNanos - LATE_CLOCK_ERROR_NANOS), requestId)
				|| isOtherRequest(idsAt(threadId, timeNanos + LATE_CLOCK_ERROR_NANOS), requestId)) {
			return ScopeIds.of(ScopeIds.tagSetId(ids), ScopeIds.NO_REQUEST);
		}
		return ids;
	}

	private static boolean isOtherRequest(long ids, int requestId) {
		int other = ScopeIds.requestId(ids);
		return other != ScopeIds.NO_REQUEST && other != requestId;
	}

	/**
	 * Tags known from a frame on the stack, for samples whose thread cannot be told (see
	 * {@link StackTags}).
	 */
	public StackTags stackTags() {
		return this.stackTags;
	}

	/**
	 * The tag-set id of the calling thread's current scopes: the same as
	 * {@code tagSetIdOf(Thread.currentThread())}, but found through a thread-local rather
	 * than the shared map, since the tracer asks on the thread itself for every outermost
	 * call.
	 */
	public int currentTagSetId() {
		ThreadContext context = this.current.get();
		return (context != null) ? context.tagSetId() : TagSets.EMPTY_ID;
	}

	public TagSet tagsOf(Thread thread) {
		return this.tagSets.get(tagSetIdOf(thread));
	}

	/** Calls {@code action} for every thread that has an open scope now. */
	public void forEachActiveThread(Consumer<Thread> action) {
		this.active.keySet().forEach(action);
	}

	public int activeThreads() {
		return this.active.size();
	}

	public TagSets tagSets() {
		return this.tagSets;
	}

	public SpanTimeline spans() {
		return this.spans;
	}

}
