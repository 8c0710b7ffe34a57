package io.github.profiling.store;

import io.github.profiling.model.ProfilingClock;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The store's weights by time: a ring of buckets (a second each by default) over the
 * retention, an archive that buckets leaving the retention fold into ("since start"), and
 * the startup, what came before the application was ready. Counts the entries all of them
 * hold, which with the path nodes is what the store's bound counts. Not thread-safe: the
 * store's lock guards it.
 */
final class TimeBuckets {

	// Beyond any ring (at most a million buckets): what windows are clipped to first.
	private static final long MAX_WINDOW_BUCKETS = 1L << 40;

	private final ProfilingClock clock;

	private final long bucketNanos;

	private final Bucket[] ring;

	private final PathWeights archive = new PathWeights();

	// What the application did until it was ready, once it left the retention: kept apart
	// from
	// "since start", so that the default view is the running application.
	private final PathWeights startup = new PathWeights();

	// Entries of the buckets, the archive and the startup together.
	private long entries;

	private long origin;

	// Where "since start" begins: the origin, or later once the archive gave way to the
	// bound.
	private long sinceStartFrom;

	private long highestIndex;

	// Buckets before this were dropped to stay within the bound.
	private long firstKeptIndex = Long.MIN_VALUE;

	// Buckets before this hold the startup; none until the application says it is ready.
	private long readyIndex = Long.MIN_VALUE;

	private long readyNanos;

	TimeBuckets(ProfilingClock clock, long bucketNanos, int buckets) {
		this.clock = clock;
		this.bucketNanos = bucketNanos;
		this.ring = new Bucket[buckets];
		this.origin = clock.nanoTime();
		this.sinceStartFrom = this.origin;
	}

	/**
	 * Where a sample taken at {@code timeNanos} goes: its bucket; the archive if it is
	 * older than the retention or than what the bound kept; the startup if it came before
	 * the application was ready.
	 */
	PathWeights targetFor(long timeNanos) {
		long index = Math.floorDiv(timeNanos - this.origin, this.bucketNanos);
		if (index > this.highestIndex) {
			// Never file a sample into a future bucket: it would evict a bucket still in
			// the
			// window. Only a sample newer than all before it can be, so only then read
			// the clock.
			index = Math.min(index, currentBucket());
		}
		if (index > this.highestIndex) {
			expireBefore(index - this.ring.length + 1);
			this.highestIndex = index;
		}
		if (index > this.highestIndex - this.ring.length && index >= this.firstKeptIndex) {
			return bucketFor(index).weights;
		}
		return (index < this.readyIndex) ? this.startup : this.archive;
	}

	/** An entry was created in one of the weights this holds. */
	void entryCreated() {
		this.entries++;
	}

	long entries() {
		return this.entries;
	}

	/**
	 * Drops the startup's data, unless it is {@code target} or empty. @return whether it
	 * did
	 */
	boolean dropStartup(PathWeights target) {
		if (this.startup.size() == 0 || target == this.startup) {
			return false;
		}
		this.entries -= this.startup.size();
		this.startup.clear();
		return true;
	}

	/**
	 * Drops the archive, unless it is {@code target} or empty: "since start" then begins
	 * with the buckets kept. @return whether it did
	 */
	boolean dropArchive(PathWeights target) {
		if (this.archive.size() == 0 || target == this.archive) {
			return false;
		}
		this.entries -= this.archive.size();
		this.archive.clear();
		this.sinceStartFrom = Math.max(this.sinceStartFrom, bucketStart(oldestKeptIndex()));
		return true;
	}

	/**
	 * Drops the oldest eighth of the kept buckets (at least one), never the one being
	 * written.
	 * @return whether it did: not when only one bucket is kept
	 */
	boolean dropOldestBuckets(PathWeights target) {
		long oldest = oldestKeptIndex();
		long kept = this.highestIndex - oldest + 1;
		if (kept <= 1) {
			return false;
		}
		long firstKept = Math.min(this.highestIndex, oldest + Math.max(1, kept / 8));
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index < firstKept && bucket.index != Long.MIN_VALUE
					&& bucket.weights != target) {
				this.entries -= bucket.weights.size();
				bucket.drop();
			}
		}
		this.firstKeptIndex = firstKept;
		// The archive gave way first, so "since start" now begins with the buckets kept.
		this.sinceStartFrom = Math.max(this.sinceStartFrom, bucketStart(firstKept));
		return true;
	}

	/** Seconds the kept buckets reach back from the newest. */
	long keptSeconds() {
		return (this.highestIndex - oldestKeptIndex() + 1) * this.bucketNanos / 1_000_000_000L;
	}

	/**
	 * The application is ready: what came before is its startup
	 * ({@link Window#startup()}), and "since start" begins now. Only the first call
	 * counts, until a reset.
	 */
	void markReady() {
		if (this.readyIndex != Long.MIN_VALUE) {
			return;
		}
		this.readyIndex = currentBucket();
		this.readyNanos = bucketStart(this.readyIndex);
		// What already left the retention is startup too.
		this.entries += this.startup.addAll(this.archive) - this.archive.size();
		this.archive.clear();
		this.sinceStartFrom = Math.max(this.sinceStartFrom, this.readyNanos);
	}

	/**
	 * Calls {@code action} with every weights this holds, for a compaction of the paths.
	 */
	void forEachWeights(Consumer<PathWeights> action) {
		action.accept(this.archive);
		action.accept(this.startup);
		for (Bucket bucket : this.ring) {
			if (bucket != null) {
				action.accept(bucket.weights);
			}
		}
	}

	/**
	 * Calls {@code visitor} with the weights of {@code window}: its buckets, with the
	 * archive for "since start", or the startup.
	 * @return the window's bounds, clipped to what is kept
	 */
	Instant[] visit(Window window, Consumer<PathWeights> visitor) {
		long now = this.clock.nanoTime();
		long current = Math.floorDiv(now - this.origin, this.bucketNanos);
		long from;
		long to;
		Instant start;
		if (window.isSinceStart()) {
			visitor.accept(this.archive);
			from = this.readyIndex;
			to = Long.MAX_VALUE;
			start = this.clock.toInstant(this.sinceStartFrom);
		}
		else if (window.kind == Window.Kind.STARTUP) {
			visitor.accept(this.startup);
			from = Long.MIN_VALUE;
			to = this.readyIndex;
			start = this.clock.toInstant(this.origin);
			now = (this.readyIndex == Long.MIN_VALUE) ? this.origin : Math.min(now, this.readyNanos);
		}
		else {
			long[] range = bucketRange(window, current);
			from = range[0];
			to = range[1];
			start = this.clock.toInstant(bucketStart(from));
			now = Math.min(now, bucketStart(to));
		}
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index >= from && bucket.index < to && bucket.index != Long.MIN_VALUE) {
				visitor.accept(bucket.weights);
			}
		}
		return new Instant[] { start, this.clock.toInstant(now) };
	}

	/** Visits one bucket of a window, by its index. */
	@FunctionalInterface
	interface IndexedVisitor {

		void visit(long index, PathWeights weights);

	}

	/**
	 * {@code [from, to)} bucket indexes of a window of seconds or buckets, clipped to
	 * what is kept; where the window is wholly older than that, {@code from >= to}.
	 */
	long[] range(Window window) {
		if (window.kind != Window.Kind.LAST_SECONDS && window.kind != Window.Kind.BUCKETS) {
			throw new IllegalArgumentException("only a window of seconds or buckets has a range");
		}
		return bucketRange(window, currentBucket());
	}

	/** Calls {@code visitor} with every bucket kept of {@code [from, to)}. */
	void visitRange(long from, long to, IndexedVisitor visitor) {
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index >= from && bucket.index < to && bucket.index != Long.MIN_VALUE) {
				visitor.visit(bucket.index, bucket.weights);
			}
		}
	}

	/** When bucket {@code index} begins, or now if that is later than now. */
	Instant startOf(long index) {
		return this.clock.toInstant(Math.min(this.clock.nanoTime(), bucketStart(index)));
	}

	/** {@code [from, to)} bucket indexes of a window, clipped to what is kept. */
	private long[] bucketRange(Window window, long current) {
		long from;
		long to;
		if (window.kind == Window.Kind.LAST_SECONDS) {
			// Bounded far beyond any ring, so that a window of billions of seconds cannot
			// wrap around to a short one.
			long buckets = Math.max(1,
					Math.min(MAX_WINDOW_BUCKETS, ceilDiv(saturatedNanos(window.from), this.bucketNanos)));
			long offset = Math.min(MAX_WINDOW_BUCKETS, ceilDiv(saturatedNanos(window.to), this.bucketNanos));
			to = current + 1 - offset;
			from = to - buckets;
		}
		else {
			from = window.from;
			to = window.to;
		}
		long oldest = Math.max(this.firstKeptIndex, current - this.ring.length + 1);
		return new long[] { Math.max(from, oldest), Math.min(to, current + 1) };
	}

	private static long saturatedNanos(long seconds) {
		return (seconds > Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : seconds * 1_000_000_000L;
	}

	static long ceilDiv(long x, long y) {
		return -Math.floorDiv(-x, y);
	}

	private long bucketStart(long index) {
		return this.origin + index * this.bucketNanos;
	}

	private long oldestKeptIndex() {
		return Math.max(this.firstKeptIndex, this.highestIndex - this.ring.length + 1);
	}

	private Bucket bucketFor(long index) {
		int slot = (int) Math.floorMod(index, (long) this.ring.length);
		Bucket bucket = this.ring[slot];
		if (bucket == null) {
			bucket = new Bucket();
			this.ring[slot] = bucket;
		}
		if (bucket.index != index) {
			archive(bucket);
			bucket.index = index;
		}
		return bucket;
	}

	private void expireBefore(long firstKept) {
		for (Bucket bucket : this.ring) {
			if (bucket != null && bucket.index < firstKept && bucket.index != Long.MIN_VALUE) {
				archive(bucket);
			}
		}
	}

	/** Folds a bucket that leaves the retention into the archive, or the startup's. */
	private void archive(Bucket bucket) {
		if (bucket.weights.size() > 0 || bucket.weights.overflowWeight() > 0) {
			PathWeights target = (bucket.index < this.readyIndex) ? this.startup : this.archive;
			this.entries += target.addAll(bucket.weights) - bucket.weights.size();
		}
		bucket.drop();
	}

	/** Index of the bucket in progress now. */
	long currentBucket() {
		return Math.floorDiv(this.clock.nanoTime() - this.origin, this.bucketNanos);
	}

	/** Nanoseconds until the bucket in progress completes. */
	long nanosUntilNextBucket() {
		long elapsed = Math.floorMod(this.clock.nanoTime() - this.origin, this.bucketNanos);
		return this.bucketNanos - elapsed;
	}

	long bucketNanos() {
		return this.bucketNanos;
	}

	/** Weight held, the startup's included. */
	long totalWeight() {
		long[] total = { 0 };
		forEachWeights((weights) -> total[0] += weights.totalWeight());
		return total[0];
	}

	/**
	 * Seconds of data the {@code seconds} windows reach back now: the retention, or less
	 * once the bound made the oldest seconds give way.
	 */
	long retainedSeconds() {
		long current = currentBucket();
		long oldest = Math.max(Math.max(this.firstKeptIndex, current - this.ring.length + 1), 0);
		return Math.max(0, (current - oldest + 1) * this.bucketNanos / 1_000_000_000L);
	}

	long retainedBytes() {
		long[] bytes = { 0 };
		forEachWeights((weights) -> bytes[0] += weights.retainedBytes());
		return bytes[0];
	}

	/**
	 * Where "since start" begins: the start or last reset, or later once the bound
	 * dropped older data.
	 */
	Instant startedAt() {
		return this.clock.toInstant(this.sinceStartFrom);
	}

	/** Drops everything; the buckets count from now. */
	void reset() {
		this.archive.clear();
		this.startup.clear();
		this.readyIndex = Long.MIN_VALUE;
		for (int i = 0; i < this.ring.length; i++) {
			this.ring[i] = null;
		}
		this.entries = 0;
		this.origin = this.clock.nanoTime();
		this.sinceStartFrom = this.origin;
		this.highestIndex = 0;
		this.firstKeptIndex = Long.MIN_VALUE;
	}

	/** One time bucket's weights. */
	private static final class Bucket {

		long index = Long.MIN_VALUE;

		final PathWeights weights = new PathWeights();

		void drop() {
			this.weights.clear();
			this.index = Long.MIN_VALUE;
		}

	}

}
