package io.github.profiling.store;

import io.github.profiling.collect.LongIntMap;
import io.github.profiling.context.TagSet;
import io.github.profiling.context.TagSets;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The store's first tree level: a group is one (tag set, thread name) pair. Filtering a
 * query by tags or thread picks whole groups, so filters cost nothing at ingest and
 * conserve weight. Thread names are interned; past {@link #MAX_THREAD_NAMES} distinct
 * names, digits are folded ({@code worker-17} → {@code worker-#}) so that short-lived
 * uniquely named threads cannot grow the table. Groups themselves are capped too, past
 * which a tag set's samples share one {@code [other threads]} group. Not thread-safe: the
 * store serializes access.
 */
final class Groups {

	static final int MAX_THREAD_NAMES = 4096;

	static final int MAX_GROUPS = 16_384;

	static final String OTHER_THREADS = "[other threads]";

	private static final int INITIAL_GROUPS = 64;

	private final Map<String, Integer> threadNameIds = new HashMap<>();

	private String[] threadNames = new String[64];

	private int threadNameCount;

	private LongIntMap groupIds = new LongIntMap(INITIAL_GROUPS);

	private int[] groupTagSets = new int[INITIAL_GROUPS];

	private int[] groupThreadNames = new int[INITIAL_GROUPS];

	private int groupCount;

	// The last lookup, since consecutive samples often come from the same group.
	private String lastThreadName;

	private int lastTagSetId = -1;

	private int lastGroup = -1;

	/** The group of a sample; a repeat of the previous lookup costs two comparisons. */
	int groupOf(int tagSetId, String threadName) {
		if (tagSetId == this.lastTagSetId && threadName.equals(this.lastThreadName)) {
			return this.lastGroup;
		}
		int nameId = threadNameId(threadName);
		long key = LongIntMap.key(tagSetId, nameId);
		int group = this.groupIds.get(key);
		if (group == LongIntMap.MISSING) {
			if (this.groupCount >= MAX_GROUPS) {
				return groupOfOverflow(tagSetId, threadName);
			}
			group = addGroup(key, tagSetId, nameId);
		}
		this.lastTagSetId = tagSetId;
		this.lastThreadName = threadName;
		this.lastGroup = group;
		return group;
	}

	private int groupOfOverflow(int tagSetId, String threadName) {
		int nameId = threadNameId(OTHER_THREADS);
		long key = LongIntMap.key(tagSetId, nameId);
		int group = this.groupIds.get(key);
		// Past the cap, only one overflow group per tag set is added, so tag filters stay
		// exact.
		return (group != LongIntMap.MISSING) ? group : addGroup(key, tagSetId, nameId);
	}

	private int addGroup(long key, int tagSetId, int nameId) {
		int group = this.groupCount++;
		if (group == this.groupTagSets.length) {
			this.groupTagSets = Arrays.copyOf(this.groupTagSets, group * 2);
			this.groupThreadNames = Arrays.copyOf(this.groupThreadNames, group * 2);
		}
		this.groupTagSets[group] = tagSetId;
		this.groupThreadNames[group] = nameId;
		this.groupIds.put(key, group);
		return group;
	}

	private int threadNameId(String name) {
		Integer id = this.threadNameIds.get(name);
		if (id != null) {
			return id;
		}
		if (this.threadNameCount >= MAX_THREAD_NAMES) {
			String folded = name.replaceAll("[0-9]+", "#");
			id = this.threadNameIds.get(folded);
			if (id != null || this.threadNameCount >= MAX_THREAD_NAMES * 2) {
				return (id != null) ? id : threadNameIdOfOther();
			}
			name = folded;
		}
		id = this.threadNameCount++;
		if (id == this.threadNames.length) {
			this.threadNames = Arrays.copyOf(this.threadNames, id * 2);
		}
		this.threadNames[id] = name;
		this.threadNameIds.put(name, id);
		return id;
	}

	private int threadNameIdOfOther() {
		Integer id = this.threadNameIds.get(OTHER_THREADS);
		if (id != null) {
			return id;
		}
		id = this.threadNameCount++;
		if (id == this.threadNames.length) {
			this.threadNames = Arrays.copyOf(this.threadNames, id * 2);
		}
		this.threadNames[id] = OTHER_THREADS;
		this.threadNameIds.put(OTHER_THREADS, id);
		return id;
	}

	int count() {
		return this.groupCount;
	}

	int tagSetId(int group) {
		return this.groupTagSets[group];
	}

	String threadName(int group) {
		return this.threadNames[this.groupThreadNames[group]];
	}

	/** Which groups match the filters, indexed by group id. */
	boolean[] matching(TagFilter tags, String thread, TagSets tagSets) {
		boolean[] matches = new boolean[this.groupCount];
		for (int group = 0; group < this.groupCount; group++) {
			TagSet set = tagSets.get(this.groupTagSets[group]);
			matches[group] = tags.matches(set) && (thread == null || threadName(group).contains(thread));
		}
		return matches;
	}

	void clear() {
		this.threadNameIds.clear();
		this.threadNameCount = 0;
		// A new map rather than clear(): the old one may be sized for the busiest run.
		this.groupIds = new LongIntMap(INITIAL_GROUPS);
		this.groupCount = 0;
		this.lastThreadName = null;
		this.lastTagSetId = -1;
		this.lastGroup = -1;
	}

}
