package io.github.profiling.viewer.model;

/** One {@code key:value} tag filter, as the endpoint's {@code tag} parameter takes it. */
public record Tag(String key, String value) {

	/** Parses {@code key:value}; the value may itself contain colons. */
	public static Tag parse(String text) {
		int colon = text.indexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("a tag is key:value, got \"" + text + "\"");
		}
		return new Tag(text.substring(0, colon), text.substring(colon + 1));
	}

	@Override
	public String toString() {
		return key + ":" + value;
	}
}
