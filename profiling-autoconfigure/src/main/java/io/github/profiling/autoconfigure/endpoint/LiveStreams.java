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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams: each sends one {@code tree} event per interval from a single shared
 * scheduler thread, which exists only while a stream is open. A stream ends when its client
 * goes away (the next send fails, within one interval) or the application stops. Each open
 * stream holds a demand on the profiler, which with on-demand profiling samples only then.
 */
public class LiveStreams implements AutoCloseable {

	/** Events are sent this long after a bucket completes, so that its last samples are in. */
	private static final long SETTLE_NANOS = 50_000_000L;

	private final Profiler profiler;

	private final int maxStreams;

	private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

	private ScheduledThreadPoolExecutor scheduler;

	public LiveStreams(Profiler profiler, int maxStreams) {
		this.profiler = profiler;
		this.maxStreams = maxStreams;
	}

	/**
	 * Opens a stream of trees for {@code query}, one event every {@code intervalSeconds}.
	 * @return the emitter, or {@code null} when {@code maxStreams} are open already
	 */
	public synchronized SseEmitter open(ProfileQuery query, long intervalSeconds, long seconds,
			Function<Recording, TreeJson.Header> header) {
		if (this.streams.size() >= this.maxStreams) {
			return null;
		}
		SseEmitter emitter = new SseEmitter(0L);
		Stream stream = new Stream(emitter, query, new LiveCursor(this.profiler.store(), intervalSeconds, seconds),
				header);
		this.streams.add(stream);
		this.profiler.acquireDemand();
		emitter.onCompletion(() -> release(stream));
		emitter.onTimeout(() -> release(stream));
		emitter.onError((ex) -> release(stream));
		ScheduledExecutorService scheduler = scheduler();
		// The first event right away, then each just after the buckets of an interval complete.
		scheduler.execute(stream::send);
		long firstDelay = this.profiler.store().nanosUntilNextBucket() + SETTLE_NANOS;
		stream.future = scheduler.scheduleAtFixedRate(stream::send, firstDelay,
				TimeUnit.SECONDS.toNanos(intervalSeconds), TimeUnit.NANOSECONDS);
		return emitter;
	}

	public int count() {
		return this.streams.size();
	}

	public int maxStreams() {
		return this.maxStreams;
	}

	private synchronized ScheduledExecutorService scheduler() {
		if (this.scheduler == null) {
			this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "profiling-live");
				thread.setDaemon(true);
				return thread;
			});
			this.scheduler.setRemoveOnCancelPolicy(true);
		}
		return this.scheduler;
	}

	private synchronized void release(Stream stream) {
		if (!this.streams.remove(stream)) {
			return;
		}
		this.profiler.releaseDemand();
		if (stream.future != null) {
			stream.future.cancel(false);
		}
		if (this.streams.isEmpty() && this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	/** Ends every stream and stops the scheduler thread. */
	@Override
	public void close() {
		for (Stream stream : Set.copyOf(this.streams)) {
			stream.emitter.complete();
			release(stream);
		}
	}

	private final class Stream {

		final SseEmitter emitter;

		final ProfileQuery query;

		final LiveCursor cursor;

		final Function<Recording, TreeJson.Header> header;

		volatile ScheduledFuture<?> future;

		Stream(SseEmitter emitter, ProfileQuery query, LiveCursor cursor, Function<Recording, TreeJson.Header> header) {
			this.emitter = emitter;
			this.query = query;
			this.cursor = cursor;
			this.header = header;
		}

		synchronized void send() {
			if (!LiveStreams.this.streams.contains(this)) {
				return;
			}
			try {
				QueryResult result = LiveStreams.this.profiler.query(this.query.withWindow(this.cursor.next()));
				String json = TreeJson.write(this.header.apply(result.recording()), result);
				this.emitter.send(SseEmitter.event().name("tree").data(json));
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away, or the emitter completed: end this stream only.
				this.emitter.completeWithError(ex);
				release(this);
			}
		}

	}

}
