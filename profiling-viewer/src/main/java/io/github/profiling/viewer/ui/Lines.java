package io.github.profiling.viewer.ui;

import org.jline.utils.AttributedString;

/** Screen lines of an exact width. */
final class Lines {

	private Lines() {
	}

	/** Unstyled text, padded or cut to the width. */
	static AttributedString plain(String text, int width) {
		return new AttributedString(Formats.left(text, width));
	}

	/** The line cut to the width, so that nothing wraps. */
	static AttributedString fit(AttributedString line, int width) {
		return line.length() > width ? line.subSequence(0, width) : line;
	}

}
