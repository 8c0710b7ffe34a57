package io.github.profiling.autoconfigure.endpoint;

/**
 * How the {@code live} view answers on the server it runs on: a servlet
 * {@code SseEmitter} ({@link ServletLiveTransport}) or a reactive stream of server-sent
 * events ({@link ReactiveLiveTransport}).
 */
public interface LiveTransport {

	/** Whether the request being answered is a {@code HEAD}, which opens no stream. */
	boolean isHeadRequest();

	/** A channel for one new stream, not yet open. */
	LiveStreams.LiveChannel newChannel();

}
