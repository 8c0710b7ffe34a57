package io.github.profiling.autoconfigure.endpoint;

import java.io.IOException;

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
		return new EmitterChannel(new SseEmitter(0L));
	}

	private record EmitterChannel(SseEmitter emitter) implements LiveStreams.LiveChannel {

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
