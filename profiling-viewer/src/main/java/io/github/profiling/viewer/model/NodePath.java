package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A node identified by the names of the frames from the root down to it.
 *
 * <p>
 * Every refresh brings a new tree; a path finds "the same" node in it, so that folding
 * and focus survive the refresh.
 */
public record NodePath(List<String> names) {

	public NodePath {
		if (names.isEmpty()) {
			throw new IllegalArgumentException("a path names at least the root");
		}
		names = List.copyOf(names);
	}

	public static NodePath of(String... names) {
		return new NodePath(List.of(names));
	}

	public NodePath child(String name) {
		List<String> longer = new ArrayList<>(names);
		longer.add(name);
		return new NodePath(longer);
	}

	/** The parent path; the root is its own parent. */
	public NodePath parent() {
		return isRoot() ? this : new NodePath(names.subList(0, names.size() - 1));
	}

	public boolean isRoot() {
		return names.size() == 1;
	}

	/** 0 for the root. */
	public int depth() {
		return names.size() - 1;
	}

	public String last() {
		return names.get(names.size() - 1);
	}

	public boolean startsWith(NodePath prefix) {
		return prefix.names.size() <= names.size() && names.subList(0, prefix.names.size()).equals(prefix.names);
	}

	/** The path of the first {@code length} names. */
	public NodePath prefix(int length) {
		return new NodePath(names.subList(0, length));
	}

	/**
	 * The node at this path under {@code root}, or null when the tree has no such node.
	 */
	public CallNode find(CallNode root) {
		if (!root.name().equals(names.get(0))) {
			return null;
		}
		CallNode node = root;
		for (int i = 1; i < names.size() && node != null; i++) {
			node = node.child(names.get(i));
		}
		return node;
	}

	@Override
	public String toString() {
		return String.join(" > ", names);
	}
}
