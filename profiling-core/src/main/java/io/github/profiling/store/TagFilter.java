package io.github.profiling.store;

import io.github.profiling.context.TagSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A conjunction of {@code key:value} tag conditions: a tag set matches when it has every
 * key with that value. Parsed from the {@code tag} query parameter.
 */
public final class TagFilter {

	public static final TagFilter NONE = new TagFilter(new String[0], new String[0]);

	private final String[] keys;

	private final String[] values;

	private TagFilter(String[] keys, String[] values) {
		this.keys = keys;
		this.values = values;
	}

	/**
	 * Parses {@code key:value} conditions; each argument may hold several separated by
	 * commas. The key ends at the first colon, so values may contain colons
	 * ({@code /{id:\d+}}).
	 * @throws IllegalArgumentException on a condition without a key or a colon
	 */
	public static TagFilter parse(List<String> conditions) {
		List<String> keys = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (String argument : conditions) {
			for (String condition : argument.split(",")) {
				String trimmed = condition.trim();
				if (trimmed.isEmpty()) {
					continue;
				}
				int colon = trimmed.indexOf(':');
				if (colon <= 0) {
					throw new IllegalArgumentException(
							"tag must be key:value, for example http.route:/{n}; got '" + trimmed + "'");
				}
				keys.add(trimmed.substring(0, colon));
				values.add(trimmed.substring(colon + 1));
			}
		}
		return keys.isEmpty() ? NONE : new TagFilter(keys.toArray(new String[0]), values.toArray(new String[0]));
	}

	public boolean matches(TagSet tags) {
		for (int i = 0; i < this.keys.length; i++) {
			if (!this.values[i].equals(tags.get(this.keys[i]))) {
				return false;
			}
		}
		return true;
	}

	/** The keys of the conditions, in order. */
	public List<String> keys() {
		return List.of(this.keys);
	}

	/** The value the condition on {@code keys().get(index)} asks for. */
	public String value(int index) {
		return this.values[index];
	}

	public boolean isEmpty() {
		return this.keys.length == 0;
	}

}
