package io.github.profiling.viewer.source;

/**
 * The endpoint answered, but not with what was asked for; the message says what it
 * answered.
 */
public class EndpointFailureException extends RuntimeException {

	public EndpointFailureException(String message) {
		super(message);
	}

}
