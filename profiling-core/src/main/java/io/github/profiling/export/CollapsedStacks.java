package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.tree.CallTree;

import java.util.Arrays;

/**
 * Writes a tree as collapsed stacks, one {@code frame;frame;frame weight} line per node
 * with OWN weight (Brendan Gregg's format, read by flamegraph.pl and speedscope). The
 * lines' weights add up to the tree's total. Weight on the root itself (samples without a
 * stack) is written as a line of the root's name alone.
 */
public final class CollapsedStacks {

	private CollapsedStacks() {
	}

	public static String write(QueryResult result) {
		CallTree tree = result.tree();
		FrameTable frames = result.frames();
		StringBuilder out = new StringBuilder(tree.size() * 48);
		if (tree.own(CallTree.ROOT) > 0) {
			out.append(frameName(frames, tree.frame(CallTree.ROOT)))
				.append(' ')
				.append(tree.own(CallTree.ROOT))
				.append('\n');
		}
		// Depth-first with an explicit stack of nodes and the path length at each.
		int[] nodes = new int[64];
		int[] pathLengths = new int[64];
		int top = 0;
		for (int child = tree.firstChild(CallTree.ROOT); child != CallTree.NONE; child = tree.nextSibling(child)) {
			nodes[top] = child;
			pathLengths[top] = 0;
			top++;
		}
		StringBuilder path = new StringBuilder(1024);
		while (top > 0) {
			top--;
			int node = nodes[top];
			path.setLength(pathLengths[top]);
			if (path.length() > 0) {
				path.append(';');
			}
			path.append(frameName(frames, tree.frame(node)));
			if (tree.own(node) > 0) {
				out.append(path).append(' ').append(tree.own(node)).append('\n');
			}
			int length = path.length();
			for (int child = tree.firstChild(node); child != CallTree.NONE; child = tree.nextSibling(child)) {
				if (top == nodes.length) {
					nodes = Arrays.copyOf(nodes, top * 2);
					pathLengths = Arrays.copyOf(pathLengths, top * 2);
				}
				nodes[top] = child;
				pathLengths[top] = length;
				top++;
			}
		}
		return out.toString();
	}

	/**
	 * A frame name that cannot break the format: no separators, spaces or line breaks.
	 */
	static String frameName(FrameTable frames, int frame) {
		String name = frames.name(frame);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == ';' || c == ' ' || c == '\n' || c == '\r') {
				return name.replace(';', ':').replace(' ', '_').replace('\n', '_').replace('\r', '_');
			}
		}
		return name;
	}

}
