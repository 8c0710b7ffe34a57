package io.github.profiling.sampler;

import io.github.profiling.model.FrameNames;
import io.github.profiling.model.FrameTable;

import java.util.Arrays;

/**
 * A sampler-local cache from a Java frame's (class, method) to its interned frame id, so
 * that a frame seen before costs a hash probe and no string building. The JVM hands out
 * the same {@code String} instances for a class or method name, whose hash codes are
 * cached. Not thread-safe: one per sampler thread. Cleared when full, to stay bounded.
 */
final class FrameCache {

	private static final int MAX_ENTRIES = 1 << 16;

	private final FrameTable frames;

	private String[] classNames;

	private String[] methodNames;

	private int[] ids;

	private int mask;

	private int size;

	FrameCache(FrameTable frames) {
		this.frames = frames;
		allocate(1024);
	}

	int idOf(StackTraceElement element) {
		String className = element.getClassName();
		String methodName = element.getMethodName();
		int slot = hash(className, methodName) & this.mask;
		while (true) {
			String cachedClass = this.classNames[slot];
			if (cachedClass == null) {
				break;
			}
			if ((cachedClass == className || cachedClass.equals(className))
					&& (this.methodNames[slot] == methodName || this.methodNames[slot].equals(methodName))) {
				return this.ids[slot];
			}
			slot = (slot + 1) & this.mask;
		}
		int id = this.frames.intern(FrameNames.of(className, methodName));
		insert(className, methodName, id);
		return id;
	}

	private void insert(String className, String methodName, int id) {
		if ((this.size + 1) * 2 > this.ids.length) {
			if (this.ids.length * 2 > MAX_ENTRIES * 2) {
				allocate(this.ids.length);
			}
			else {
				rehash(this.ids.length * 2);
			}
		}
		int slot = hash(className, methodName) & this.mask;
		while (this.classNames[slot] != null) {
			slot = (slot + 1) & this.mask;
		}
		this.classNames[slot] = className;
		this.methodNames[slot] = methodName;
		this.ids[slot] = id;
		this.size++;
	}

	private void rehash(int capacity) {
		String[] oldClasses = this.classNames;
		String[] oldMethods = this.methodNames;
		int[] oldIds = this.ids;
		allocate(capacity);
		for (int i = 0; i < oldIds.length; i++) {
			if (oldClasses[i] != null) {
				insert(oldClasses[i], oldMethods[i], oldIds[i]);
			}
		}
	}

	private void allocate(int capacity) {
		this.classNames = new String[capacity];
		this.methodNames = new String[capacity];
		this.ids = new int[capacity];
		Arrays.fill(this.ids, -1);
		this.mask = capacity - 1;
		this.size = 0;
	}

	private static int hash(String className, String methodName) {
		int h = className.hashCode() * 31 + methodName.hashCode();
		return h ^ (h >>> 16);
	}

}
