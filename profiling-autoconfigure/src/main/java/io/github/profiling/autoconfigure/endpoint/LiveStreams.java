package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.LiveCursor;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.Recording;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.springframework.context.SmartLifecycle;

/**
 * The open live streams: each sends one {@code tree} event per interval. A scheduler
 * thread only says when; the tree is computed and written on a sending thread, at most
 * one per stream at a time, so a client that stops reading blocks its own write only.
 * While a stream's previous event is still being written, its next ones are skipped (and
 * counted): the event sent once the client reads again covers their time, so a slow
 * reader gets the newest tree, never a backlog. The threads exist only while a stream is
 * open.
 * <p>
 * A stream ends when its client goes away: its next write fails, an event or, between
 * events of a long interval, a comment line sent every {@link #HEARTBEAT_NANOS}. Every
 * stream ends as soon as the application begins to stop, before the web server's graceful
 * shutdown would wait for them. Each open stream holds a demand on the profiler, which
 * with on-demand profiling samples only then.
 * <p>
 * How the events reach the client is a {@link LiveChannel}'s business: a servlet
 * {@code SseEmitter} or a reactive stream of server-sent events; everything else here is
 * the same for both.
 */
public class LiveStreams implements AutoCloseable, SmartLifecycle {

	/**
	 * Events are sent this long after a bucket completes, so that its last samples are
	 * in.
	 */
	private static final long SETTLE_NANOS = 50_000_000L;

	/**
	 * Between events further apart than this, a comment line shows whether the client is
	 * still there.
	 */
	static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final Profiler profiler;

	private final int maxStreams;

	private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

	private final LongAdder skippedEvents = new LongAdder();

	private ScheduledThreadPoolExecutor scheduler;

	private ThreadPoolExecutor senders;

	private volatile boolean running = true;

	public LiveStreams(Profiler profiler, int maxStreams) {
		this.profiler = profiler;
		this.maxStreams = maxStreams;
	}

	/**
	 * Opens a stream of trees for {@code query} on {@code channel}, one event every
	 * {@code intervalSeconds}.
	 * @return whether it opened: {@code false} when {@code maxStreams} are open already
	 */
	public synchronized boolean open(LiveChannel channel, ProfileQuery query, long intervalSeconds, long seconds,
			Function<Recording, TreeJson.Header> header) {
		if (this.streams.size() >= this.maxStreams) {
			return false;
		}
		if (!this.running) {
			// The application is stopping: an empty stream that ends at once.
			channel.complete();
			return true;
		}
		Stream stream = new Stream(channel, query, this.profiler.liveCursor(intervalSeconds, seconds), header);
		this.streams.add(stream);
		this.profiler.acquireDemand();
		channel.onEnd(() -> release(stream));
		startThreads();
		// The first event as soon as the response starts, then each just after the
		// buckets of an interval complete.
		channel.onStart(stream::tick);
		long firstDelay = this.profiler.nanosUntilNextBucket() + SETTLE_NANOS;
		long intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
		stream.future = this.scheduler.scheduleAtFixedRate(stream::tick, firstDelay, intervalNanos,
				TimeUnit.NANOSECONDS);
		if (intervalNanos > HEARTBEAT_NANOS) {
			stream.heartbeat = this.scheduler.scheduleWithFixedDelay(stream::heartbeat, HEARTBEAT_NANOS,
					HEARTBEAT_NANOS, TimeUnit.NANOSECONDS);
		}
		return true;
	}

	public int count() {
		return this.streams.size();
	}

	public int maxStreams() {
		return this.maxStreams;
	}

	/** Events not sent because the stream's client had not yet read the one before. */
	public long skippedEvents() {
		return this.skippedEvents.sum();
	}

	private void startThreads() {
		if (this.scheduler == null) {
			this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("profiling-live"));
			this.scheduler.setRemoveOnCancelPolicy(true);
		}
		if (this.senders == null) {
			// One sending thread per stream at most; twice the streams, since the thread
			// of a
			// stream that ended may still be blocked in its last write.
			this.senders = new ThreadPoolExecutor(0, 2 * this.maxStreams, 10, TimeUnit.SECONDS,
					new SynchronousQueue<>(), daemonThreads("profiling-live-send-"));
		}
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name.endsWith("-") ? name + count.incrementAndGet() : name);
			thread.setDaemon(true);
			return thread;
		};
	}

	private synchronized boolean execute(Runnable send) {
		if (this.senders == null) {
			return false;
		}
		try {
			this.senders.execute(send);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private synchronized void release(Stream stream) {
		if (!this.streams.remove(stream)) {
			return;
		}
		this.profiler.releaseDemand();
		if (stream.future != null) {
			stream.future.cancel(false);
		}
		if (stream.heartbeat != null) {
			stream.heartbeat.cancel(false);
		}
		if (this.streams.isEmpty()) {
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
				this.scheduler = null;
			}
			if (this.senders != null) {
				// A thread still writing finishes (or fails) its write and then ends.
				this.senders.shutdown();
				this.senders = null;
			}
		}
	}

	/** Ends every stream and stops the threads. */
	@Override
	public void close() {
		for (Stream stream : Set.copyOf(this.streams)) {
			stream.end();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * The application begins to stop: every stream ends now, so that none holds up
	 * shutdown.
	 */
	@Override
	public void stop() {
		this.running = false;
		close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stopped first: before the web server waits for the requests still active. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	/** One write to a stream's client. */
	@FunctionalInterface
	private interface Write {

		void run() throws IOException;

	}

	/**
	 * Where one stream's events go: the server's way of writing server-sent events to one
	 * client.
	 */
	public interface LiveChannel {

		/**
		 * Writes a {@code tree} event, blocking while the client does not read, if the
		 * server's writes do.
		 * @return {@code false} if the event was not sent because the client had not yet
		 * read the one before
		 * @throws IOException if the client has gone away
		 */
		boolean send(String treeJson) throws IOException;

		/**
		 * Writes a comment line, which clients ignore, to learn whether the client is
		 * there.
		 */
		void heartbeat() throws IOException;

		/** Ends the response; harmless once it ended. */
		void complete();

		/**
		 * Runs {@code start} once the server has begun the response, on a thread of the
		 * server's: where events may be written from then on.
		 */
		void onStart(Runnable start);

		/** Runs {@code action} once the response ends, however it ends. */
		void onEnd(Runnable action);

		/** What the view answers with: the response body that carries the events. */
		Object body();

	}

	private final class Stream {

		final LiveChannel channel;

		final ProfileQuery query;

		final LiveCursor cursor;

		final Function<Recording, TreeJson.Header> header;

		// Whether an event of this stream is being computed or written now.
		final AtomicBoolean sending = new AtomicBoolean();

		volatile ScheduledFuture<?> future;

		volatile ScheduledFuture<?> heartbeat;

		// Set when the application, not the client or the server, ends this stream.
		volatile boolean endRequested;

		// Whether this side completed the response: once only.
		final AtomicBoolean completed = new AtomicBoolean();

		Stream(LiveChannel channel, ProfileQuery query, LiveCursor cursor,
				Function<Recording, TreeJson.Header> header) {
			this.channel = channel;
			this.query = query;
			this.cursor = cursor;
			this.header = header;
		}

		/**
		 * Time for an event: sent on a sending thread, or skipped if the last one is
		 * still going.
		 */
		void tick() {
			if (!this.sending.compareAndSet(false, true)) {
				LiveStreams.this.skippedEvents.increment();
				return;
			}
			if (!execute(this::send)) {
				this.sending.set(false);
				LiveStreams.this.skippedEvents.increment();
			}
		}

		/**
		 * Between events: a comment line, which clients ignore, written only to learn
		 * whether the client is still there. Not sent while an event is being written:
		 * that write tells.
		 */
		void heartbeat() {
			if (this.sending.compareAndSet(false, true) && !execute(this::sendHeartbeat)) {
				this.sending.set(false);
			}
		}

		private void sendHeartbeat() {
			write(this.channel::heartbeat);
		}

		void send() {
			write(() -> {
				QueryResult result = LiveStreams.this.profiler.query(this.query.withWindow(this.cursor.next()));
				String json = TreeJson.write(this.header.apply(result.recording()), result);
				if (!this.channel.send(json)) {
					LiveStreams.this.skippedEvents.increment();
				}
			});
		}

		/**
		 * Writes to the client on a sending thread; {@link #sending} was set by the
		 * caller.
		 */
		private void write(Write write) {
			boolean failed = false;
			try {
				if (!LiveStreams.this.streams.contains(this)) {
					return;
				}
				write.run();
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away, or the response is complete already: this stream
				// ends. Not completed from here: the server hands a failed write to the
				// request's own error handling, which completes it; a second completion
				// from this thread would race with it.
				failed = true;
				release(this);
			}
			finally {
				this.sending.set(false);
				if (this.endRequested && !failed) {
					// Ended by the application while this write was under way.
					complete();
				}
			}
		}

		private void complete() {
			if (!this.completed.compareAndSet(false, true)) {
				return;
			}
			this.channel.complete();
		}

		/**
		 * Completes the response now if no write is under way; a stream blocked in a
		 * write to a client that does not read is released at once and completes when its
		 * write ends.
		 */
		void end() {
			this.endRequested = true;
			if (this.sending.compareAndSet(false, true)) {
				try {
					complete();
				}
				finally {
					this.sending.set(false);
				}
			}
			release(this);
		}

	}

}
