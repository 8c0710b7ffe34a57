package io.github.profiling.tracing;

/** Tracing cannot run in this JVM; the message says why, for the status. */
public class TracingUnavailableException extends Exception {

	public TracingUnavailableException(String message) {
		super(message);
	}

}
