package io.github.profiling.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns tag sets to small {@code int} ids, so that samples, spans and tree groups carry
 * an id instead of a map. What a client of the application can put into tags (a header's
 * value) is bounded three ways, so that no client can fill the table for everyone:
 * <ul>
 * <li>a value longer than {@link #MAX_VALUE_LENGTH} is cut there;</li>
 * <li>past {@code maxValuesPerKey} distinct values of one key, a new value of that key is
 * recorded as {@link #OVERFLOW_VALUE}, that key only: the other tags of the set (the
 * route) stay as they are;</li>
 * <li>past {@code capacity} distinct sets, every new set is recorded as
 * {@link #OVERFLOW}.</li>
 * </ul>
 * {@link #reset()} starts the counts afresh. Ids are never reused, since open scopes,
 * recorded spans and the store still hold them; so the table as a whole is capped at
 * {@link #MAX_RESETS_KEPT} times the capacity.
 */
public final class TagSets {

	/** Where tag sets beyond the cap go. */
	public static final TagSet OVERFLOW = TagSet.of("profiling.tags", "[overflow]");

	/** The value of a key that has too many distinct values already. */
	public static final String OVERFLOW_VALUE = "[overflow]";

	/** The longest tag value kept; longer ones are cut, and end with an ellipsis. */
	public static final int MAX_VALUE_LENGTH = 200;

	/** How many capacities of tag sets the table holds at most, over resets. */
	static final int MAX_RESETS_KEPT = 4;

	public static final int EMPTY_ID = 0;

	private final int capacity;

	private final int maxValuesPerKey;

	private final ConcurrentHashMap<TagSet, Integer> ids = new ConcurrentHashMap<>();

	private volatile TagSet[] byId = new TagSet[64];

	private int size;

	// Sets and values admitted since the last reset: what the caps count.
	private int sizeAtReset;

	private final Map<String, Set<String>> valuesByKey = new HashMap<>();

	private final int overflowId;

	/** With at most a tenth of the capacity, and at least 2, distinct values per key. */
	public TagSets(int capacity) {
		this(capacity, Math.max(2, capacity / 10));
	}

	public TagSets(int capacity, int maxValuesPerKey) {
		if (capacity < 2) {
			throw new IllegalArgumentException("capacity must be at least 2");
		}
		if (maxValuesPerKey < 1) {
			throw new IllegalArgumentException("maxValuesPerKey must be at least 1");
		}
		this.capacity = capacity;
		this.maxValuesPerKey = maxValuesPerKey;
		add(TagSet.EMPTY);
		this.overflowId = add(OVERFLOW);
	}

	/**
	 * The id of {@code tags}, assigning one on first sight. Lock-free when already known.
	 */
	public int intern(TagSet tags) {
		Integer id = this.ids.get(tags);
		if (id != null) {
			return id;
		}
		synchronized (this) {
			id = this.ids.get(tags);
			if (id != null) {
				return id;
			}
			TagSet bounded = bounded(tags);
			if (bounded != tags) {
				id = this.ids.get(bounded);
				if (id != null) {
					return id;
				}
			}
			if (this.size - this.sizeAtReset >= this.capacity || this.size >= MAX_RESETS_KEPT * this.capacity) {
				return this.overflowId;
			}
			countValues(bounded);
			return add(bounded);
		}
	}

	/**
	 * {@code tags} with long values cut and the values of keys over their cap overflowed.
	 */
	private TagSet bounded(TagSet tags) {
		Map<String, String> bounded = null;
		for (int i = 0; i < tags.size(); i++) {
			String key = tags.key(i);
			String value = tags.value(i);
			String kept = (value.length() > MAX_VALUE_LENGTH) ? value.substring(0, MAX_VALUE_LENGTH) + "…" : value;
			Set<String> seen = this.valuesByKey.get(key);
			if (seen != null && seen.size() >= this.maxValuesPerKey && !seen.contains(kept)) {
				kept = OVERFLOW_VALUE;
			}
			if (!kept.equals(value)) {
				if (bounded == null) {
					bounded = new LinkedHashMap<>(tags.asMap());
				}
				bounded.put(key, kept);
			}
		}
		return (bounded != null) ? TagSet.of(bounded) : tags;
	}

	private void countValues(TagSet tags) {
		for (int i = 0; i < tags.size(); i++) {
			if (!OVERFLOW_VALUE.equals(tags.value(i))) {
				this.valuesByKey.computeIfAbsent(tags.key(i), (key) -> new HashSet<>()).add(tags.value(i));
			}
		}
	}

	private synchronized int add(TagSet tags) {
		int id = this.size;
		TagSet[] table = this.byId;
		if (id == table.length) {
			table = java.util.Arrays.copyOf(table, id * 2);
		}
		table[id] = tags;
		this.byId = table;
		this.size = id + 1;
		this.ids.put(tags, id);
		return id;
	}

	/**
	 * Starts the caps afresh, with the data: new tag sets and values are recorded again.
	 * The ids given out so far stay valid, since scopes still open hold them.
	 */
	public synchronized void reset() {
		this.sizeAtReset = this.size;
		this.valuesByKey.clear();
	}

	public TagSet get(int id) {
		return this.byId[id];
	}

	public synchronized int size() {
		return this.size;
	}

	/** Every tag key seen so far, sorted. */
	public List<String> keys() {
		Set<String> keys = new TreeSet<>();
		int count = size();
		TagSet[] table = this.byId;
		for (int i = 0; i < count; i++) {
			TagSet set = table[i];
			if (i != this.overflowId) {
				for (int k = 0; k < set.size(); k++) {
					keys.add(set.key(k));
				}
			}
		}
		return new ArrayList<>(keys);
	}

}
