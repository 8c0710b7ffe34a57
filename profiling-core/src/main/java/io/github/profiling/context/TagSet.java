package io.github.profiling.context;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable set of {@code key=value} tags, sorted by key, such as
 * {@code {http.method=GET, http.route=/{n}}}. Tag sets are interned by {@link TagSets} so
 * that a sample carries only an {@code int}.
 */
public final class TagSet {

	public static final TagSet EMPTY = new TagSet(new String[0], new String[0]);

	private final String[] keys;

	private final String[] values;

	private final int hash;

	private TagSet(String[] keys, String[] values) {
		this.keys = keys;
		this.values = values;
		this.hash = 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
	}

	public static TagSet of(String key, String value) {
		checkTag(key, value);
		return new TagSet(new String[] { key }, new String[] { value });
	}

	public static TagSet of(Map<String, String> tags) {
		if (tags.isEmpty()) {
			return EMPTY;
		}
		TreeMap<String, String> sorted = new TreeMap<>();
		tags.forEach((key, value) -> {
			checkTag(key, value);
			sorted.put(key, value);
		});
		return new TagSet(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
	}

	private static void checkTag(String key, String value) {
		Objects.requireNonNull(key, "tag key");
		Objects.requireNonNull(value, "tag value");
		if (key.isEmpty()) {
			throw new IllegalArgumentException("a tag key must not be empty");
		}
	}

	/**
	 * This set with {@code other}'s tags added; where both have a key, {@code other}
	 * wins.
	 */
	public TagSet with(TagSet other) {
		if (other.isEmpty()) {
			return this;
		}
		if (isEmpty()) {
			return other;
		}
		TreeMap<String, String> merged = new TreeMap<>(asMap());
		merged.putAll(other.asMap());
		return new TagSet(merged.keySet().toArray(new String[0]), merged.values().toArray(new String[0]));
	}

	public String get(String key) {
		int index = Arrays.binarySearch(this.keys, key);
		return (index >= 0) ? this.values[index] : null;
	}

	/** Whether every filter tag is present here with the same value. */
	public boolean containsAll(TagSet filter) {
		for (int i = 0; i < filter.keys.length; i++) {
			if (!filter.values[i].equals(get(filter.keys[i]))) {
				return false;
			}
		}
		return true;
	}

	public boolean isEmpty() {
		return this.keys.length == 0;
	}

	public int size() {
		return this.keys.length;
	}

	public String key(int index) {
		return this.keys[index];
	}

	public String value(int index) {
		return this.values[index];
	}

	/** The tags as an ordered, unmodifiable map. */
	public Map<String, String> asMap() {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < this.keys.length; i++) {
			map.put(this.keys[i], this.values[i]);
		}
		return Collections.unmodifiableMap(map);
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof TagSet other) && this.hash == other.hash && Arrays.equals(this.keys, other.keys)
				&& Arrays.equals(this.values, other.values);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return asMap().toString();
	}

}
