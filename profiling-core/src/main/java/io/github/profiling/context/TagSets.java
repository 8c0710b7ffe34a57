package io.github.profiling.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns tag sets to small {@code int} ids, so that samples, spans and tree groups carry an id
 * instead of a map. The number of distinct sets is capped: past the cap every new set is
 * recorded as {@link #OVERFLOW}, which keeps memory bounded when a user tags with an unbounded
 * value (a user id, a raw path).
 */
public final class TagSets {

	/** Where tag sets beyond the cap go. */
	public static final TagSet OVERFLOW = TagSet.of("profiling.tags", "[overflow]");

	public static final int EMPTY_ID = 0;

	private final int capacity;

	private final ConcurrentHashMap<TagSet, Integer> ids = new ConcurrentHashMap<>();

	private volatile TagSet[] byId = new TagSet[64];

	private int size;

	private final int overflowId;

	public TagSets(int capacity) {
		if (capacity < 2) {
			throw new IllegalArgumentException("capacity must be at least 2");
		}
		this.capacity = capacity;
		add(TagSet.EMPTY);
		this.overflowId = add(OVERFLOW);
	}

	/** The id of {@code tags}, assigning one on first sight. Lock-free when already known. */
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
			return (this.size < this.capacity) ? add(tags) : this.overflowId;
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
