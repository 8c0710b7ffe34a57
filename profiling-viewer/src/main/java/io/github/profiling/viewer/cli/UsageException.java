package io.github.profiling.viewer.cli;

/** The command line is wrong; the message says how. */
public class UsageException extends Exception {

	public UsageException(String message) {
		super(message);
	}

}
