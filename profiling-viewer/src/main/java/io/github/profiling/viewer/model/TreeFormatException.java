package io.github.profiling.viewer.model;

/** The text is not a tree (or tag list) in the endpoint's JSON format. */
public class TreeFormatException extends RuntimeException {

	public TreeFormatException(String message) {
		super(message);
	}

	public TreeFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
