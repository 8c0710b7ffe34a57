package io.github.profiling.viewer.ui;

/** The viewer was started without a terminal (e.g. with its output piped). */
public class NotATerminalException extends RuntimeException {

	public NotATerminalException() {
		super("the viewer needs a terminal: run it in an interactive terminal, not with its input or output redirected");
	}

}
