package io.github.profiling.viewer.ui;

/**
 * A key press, already decoded from the terminal's escape sequences: either a named key
 * or a printable character.
 */
public record Key(Type type, char character) {

	public enum Type {

		CHARACTER, UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, ESCAPE, BACKSPACE, INTERRUPT

	}

	public static final Key UP = named(Type.UP);

	public static final Key DOWN = named(Type.DOWN);

	public static final Key LEFT = named(Type.LEFT);

	public static final Key RIGHT = named(Type.RIGHT);

	public static final Key PAGE_UP = named(Type.PAGE_UP);

	public static final Key PAGE_DOWN = named(Type.PAGE_DOWN);

	public static final Key HOME = named(Type.HOME);

	public static final Key END = named(Type.END);

	public static final Key ENTER = named(Type.ENTER);

	public static final Key ESCAPE = named(Type.ESCAPE);

	public static final Key BACKSPACE = named(Type.BACKSPACE);

	/** Ctrl-C. */
	public static final Key INTERRUPT = named(Type.INTERRUPT);

	public static Key of(char character) {
		return new Key(Type.CHARACTER, character);
	}

	private static Key named(Type type) {
		return new Key(type, '\0');
	}

	public boolean is(char expected) {
		return type == Type.CHARACTER && character == expected;
	}
}
