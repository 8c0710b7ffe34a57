package io.github.profiling.store;

import io.github.profiling.model.FrameTable;
import io.github.profiling.tree.CallTree;

import java.util.Arrays;
import java.util.List;

/**
 * Starts a view at the code that matters rather than at the thread's first frame: every
 * call path is cut above its first frame whose name starts with one of the prefixes (the
 * application's own packages, say), and the rest of it is merged under the root. Weight
 * of paths that never reach such a frame goes to one {@value #OUTSIDE} node, so totals
 * and percentages stay those of the whole window.
 */
public final class FrameFocus {

	/** Where the weight of paths outside the focus goes. */
	public static final String OUTSIDE = "[outside focus]";

	private final String[] prefixes;

	private FrameFocus(String[] prefixes) {
		this.prefixes = prefixes;
	}

	/**
	 * A focus on frames whose name starts with any of {@code prefixes}; a package name
	 * matches its classes and sub-packages ({@code com.example} matches
	 * {@code com.example.shop.Cart.add}).
	 */
	public static FrameFocus on(List<String> prefixes) {
		if (prefixes.isEmpty()) {
			throw new IllegalArgumentException("a focus needs at least one package or class prefix");
		}
		String[] normalized = new String[prefixes.size()];
		for (int i = 0; i < normalized.length; i++) {
			String prefix = prefixes.get(i).trim();
			if (prefix.isEmpty()) {
				throw new IllegalArgumentException("a focus prefix must not be empty");
			}
			// A whole package or class name, not any name that happens to start alike.
			normalized[i] = prefix.endsWith(".") ? prefix : prefix + ".";
		}
		return new FrameFocus(normalized);
	}

	public List<String> prefixes() {
		return Arrays.stream(this.prefixes).map((p) -> p.substring(0, p.length() - 1)).toList();
	}

	boolean matches(String frameName) {
		for (String prefix : this.prefixes) {
			if (frameName.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The focused copy of {@code tree}; {@code tree} is not changed. */
	CallTree apply(CallTree tree, FrameTable frames) {
		CallTree result = new CallTree(Math.max(16, tree.size()));
		if (tree.hasCallMetrics()) {
			result.enableCallMetrics();
		}
		// A frame's match, decided once per frame: 0 unknown, 1 yes, 2 no.
		byte[] decided = new byte[16];
		long outside = 0;
		int[] stack = new int[64];
		int top = 0;
		stack[top++] = CallTree.ROOT;
		while (top > 0) {
			int node = stack[--top];
			if (node != CallTree.ROOT) {
				int frame = tree.frame(node);
				if (frame >= decided.length) {
					decided = Arrays.copyOf(decided, Math.max(frame + 1, decided.length * 2));
				}
				if (decided[frame] == 0) {
					decided[frame] = matches(frames.name(frame)) ? (byte) 1 : (byte) 2;
				}
				if (decided[frame] == 1) {
					// The first frame in focus on this path: its subtree moves under the
					// root.
					result.merge(tree, node, result.childOrCreate(CallTree.ROOT, frame));
					result.addDeep(CallTree.ROOT, tree.deep(node));
					continue;
				}
			}
			outside += tree.own(node);
			for (int child = tree.firstChild(node); child != CallTree.NONE; child = tree.nextSibling(child)) {
				if (top == stack.length) {
					stack = Arrays.copyOf(stack, top * 2);
				}
				stack[top++] = child;
			}
		}
		if (outside > 0) {
			int node = result.childOrCreate(CallTree.ROOT, frames.intern(OUTSIDE));
			result.addOwn(node, outside);
			result.addDeep(node, outside);
			result.addDeep(CallTree.ROOT, outside);
		}
		return result;
	}

}
