package io.github.profiling.viewer.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Short, human words for the ways a connection or request fails. */
public final class Problems {

	private Problems() {
	}

	public static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof ConnectException) {
			return "connection refused";
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect timed out";
		}
		if (cause instanceof HttpTimeoutException) {
			return "no answer (timed out)";
		}
		if (cause instanceof ClosedChannelException || cause instanceof IOException && cause.getMessage() == null) {
			return "connection lost";
		}
		String message = cause.getMessage();
		return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
