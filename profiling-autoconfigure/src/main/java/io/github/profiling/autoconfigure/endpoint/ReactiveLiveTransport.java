package io.github.profiling.autoconfigure.endpoint;

import java.io.IOException;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.http.codec.ServerSentEvent;

/**
 * {@code live} on a reactive server: each stream a {@code Flux} of server-sent events. It
 * holds at most one event the client has not read: while that one waits, the next are
 * skipped, as a servlet stream skips them while its write blocks. The stream is released
 * when the response ends, as when the client goes away and the server cancels it. A
 * {@code HEAD} request is known by the thread that answers it (see
 * {@link #answeringHead}): the reactive views answer off the request's thread.
 */
final class ReactiveLiveTransport implements LiveTransport {

	private static final ThreadLocal<Boolean> ANSWERING_HEAD = new ThreadLocal<>();

	/** What {@code answer} returns, with this thread answering a {@code HEAD} request. */
	static <T> T answeringHead(Supplier<T> answer) {
		ANSWERING_HEAD.set(Boolean.TRUE);
		try {
			return answer.get();
		}
		finally {
			ANSWERING_HEAD.remove();
		}
	}

	@Override
	public boolean isHeadRequest() {
		return ANSWERING_HEAD.get() != null;
	}

	@Override
	public LiveStreams.LiveChannel newChannel() {
		return new SinkChannel();
	}

	private static final class SinkChannel implements LiveStreams.LiveChannel {

		private final Sinks.Many<ServerSentEvent<String>> sink = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<ServerSentEvent<String>>one().get());

		private final Flux<ServerSentEvent<String>> events;

		private volatile Runnable onEnd;

		SinkChannel() {
			this.events = this.sink.asFlux().doFinally((signal) -> {
				Runnable action = this.onEnd;
				if (action != null) {
					action.run();
				}
			});
		}

		@Override
		public boolean send(String treeJson) throws IOException {
			return emit(ServerSentEvent.builder(treeJson).event("tree").build());
		}

		@Override
		public void heartbeat() throws IOException {
			emit(ServerSentEvent.<String>builder().comment("").build());
		}

		private boolean emit(ServerSentEvent<String> event) throws IOException {
			Sinks.EmitResult result = this.sink.tryEmitNext(event);
			if (result == Sinks.EmitResult.FAIL_CANCELLED || result == Sinks.EmitResult.FAIL_TERMINATED) {
				throw new IOException("the live stream's client has gone away");
			}
			// FAIL_OVERFLOW: the event before is still unread.
			return result.isSuccess();
		}

		@Override
		public void complete() {
			this.sink.tryEmitComplete();
		}

		/** At once: the sink holds the first event until the server subscribes. */
		@Override
		public void onStart(Runnable start) {
			start.run();
		}

		@Override
		public void onEnd(Runnable action) {
			this.onEnd = action;
		}

		@Override
		public Object body() {
			return this.events;
		}

	}

}
