package io.github.profiling.autoconfigure.endpoint;

import java.io.IOException;

import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code live} on a servlet server: each stream an {@link SseEmitter}. */
final class ServletLiveTransport implements LiveTransport {

	@Override
	public boolean isHeadRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& "HEAD".equals(attributes.getRequest().getMethod());
	}

	@Override
	public LiveStreams.LiveChannel newChannel() {
		return new EmitterChannel(new LiveEmitter());
	}

	/**
	 * An emitter that says when the server starts its response. An event sent before then
	 * is written by the server's request thread when the handler returns, and a client
	 * gone in the middle of that write leaves Tomcat a request it must recycle by force;
	 * sent from then on, every event is written on a sending thread, where a failed write
	 * ends the stream cleanly.
	 */
	private static final class LiveEmitter extends SseEmitter {

		private volatile Runnable onResponseStart;

		LiveEmitter() {
			super(0L);
		}

		@Override
		protected void extendResponse(ServerHttpResponse outputMessage) {
			super.extendResponse(outputMessage);
			Runnable start = this.onResponseStart;
			if (start != null) {
				start.run();
			}
		}

	}

	private record EmitterChannel(LiveEmitter emitter) implements LiveStreams.LiveChannel {

		@Override
		public void onStart(Runnable start) {
			this.emitter.onResponseStart = start;
		}

		@Override
		public boolean send(String treeJson) throws IOException {
			this.emitter.send(SseEmitter.event().name("tree").data(treeJson));
			return true;
		}

		@Override
		public void heartbeat() throws IOException {
			this.emitter.send(SseEmitter.event().comment(""));
		}

		@Override
		public void complete() {
			try {
				this.emitter.complete();
			}
			catch (IllegalStateException ex) {
				// Completed already.
			}
		}

		@Override
		public void onEnd(Runnable action) {
			this.emitter.onCompletion(action);
			this.emitter.onTimeout(action);
			this.emitter.onError((ex) -> action.run());
		}

		@Override
		public Object body() {
			return this.emitter;
		}

	}

}
