package io.github.profiling.model;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns frame names ({@code package.Class.method}) to {@code int} ids, so that a stack
 * is an {@code int[]} and a tree node stores one {@code int} per frame. Reads by id are
 * lock-free. The table is capped: past the cap new names share the id of
 * {@link #OVERFLOW}, so generated classes cannot grow it without bound.
 */
public final class FrameTable {

	/** The name of every tree's root. */
	public static final String ROOT = "all";

	/** Where weight goes that the node budget could not give its own node. */
	public static final String TRUNCATED = "[truncated]";

	/** Frames beyond the table's capacity. */
	public static final String OVERFLOW = "[other frames]";

	public static final int ROOT_ID = 0;

	public static final int TRUNCATED_ID = 1;

	public static final int OVERFLOW_ID = 2;

	private final int capacity;

	private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

	private volatile String[] names = new String[256];

	private int size;

	public FrameTable(int capacity) {
		this.capacity = capacity;
		add(ROOT);
		add(TRUNCATED);
		add(OVERFLOW);
	}

	public int intern(String name) {
		Integer id = this.ids.get(name);
		if (id != null) {
			return id;
		}
		synchronized (this) {
			id = this.ids.get(name);
			if (id != null) {
				return id;
			}
			return (this.size < this.capacity) ? add(name) : OVERFLOW_ID;
		}
	}

	private synchronized int add(String name) {
		int id = this.size;
		String[] table = this.names;
		if (id == table.length) {
			table = Arrays.copyOf(table, id * 2);
		}
		table[id] = name;
		this.names = table;
		this.size = id + 1;
		this.ids.put(name, id);
		return id;
	}

	public String name(int id) {
		return this.names[id];
	}

	public synchronized int size() {
		return this.size;
	}

}
