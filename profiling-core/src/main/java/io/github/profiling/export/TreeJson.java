package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.RequestProfiles;
import io.github.profiling.tree.CallTree;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Writes a query result as the tree JSON of the HTTP contract:
 * {@code {"sampler","event","unit","from","to","samples","root":{"name","own","deep","children":[…]}}},
 * children sorted by DEEP, heaviest first. A tree of the tracer adds {@code "calls"},
 * {@code "ownNanos"} and {@code "deepNanos"} to every node. Iterative, so a stack
 * thousands of frames deep cannot overflow the writer's own.
 */
public final class TreeJson {

	private TreeJson() {
	}

	/**
	 * Describes where the tree came from; written before the tree. {@code hint}, when not
	 * {@code null}, tells a reader why the tree may not be what was asked for.
	 */
	public record Header(String sampler, String event, String unit, String hint) {

		public Header(String sampler, String event, String unit) {
			this(sampler, event, unit, null);
		}

		public Header withHint(String hint) {
			return new Header(this.sampler, this.event, this.unit, hint);
		}

	}

	public static String write(Header header, QueryResult result) {
		return write(header, result, null);
	}

	/**
	 * The tree of one kept request: {@code request} describes it, or is {@code null} for
	 * the tree of a window.
	 */
	public static String write(Header header, QueryResult result, RequestProfiles.Request request) {
		StringBuilder out = new StringBuilder(256 + result.tree().size() * 64);
		writeRecording(out, header);
		out.append(",\"from\":");
		Json.string(out, result.from().toString());
		out.append(",\"to\":");
		Json.string(out, result.to().toString());
		out.append(",\"samples\":").append(result.samples());
		if (header.hint() != null) {
			out.append(",\"hint\":");
			Json.string(out, header.hint());
		}
		if (request != null) {
			out.append(",\"request\":");
			RequestsJson.request(out, request);
		}
		out.append(",\"root\":");
		writeNode(out, result.tree(), result.frames());
		return out.append('}').toString();
	}

	/** Opens the document with the recording's labels: sampler, event and unit. */
	static void writeRecording(StringBuilder out, Header header) {
		out.append("{\"sampler\":");
		Json.string(out, header.sampler());
		out.append(",\"event\":");
		Json.string(out, header.event());
		out.append(",\"unit\":");
		Json.string(out, header.unit());
	}

	private static void writeNode(StringBuilder out, CallTree tree, FrameTable frames) {
		writeNodes(out, (node) -> sortedChildren(tree, node), (node) -> openNode(out, tree, frames, node));
	}

	/**
	 * Writes the nodes below the root, each opened by {@code open} (up to its children's
	 * array) and closed here, with its children in the order {@code children} gives.
	 */
	static void writeNodes(StringBuilder out, IntFunction<int[]> childrenOf, IntConsumer open) {
		// Per open node: its sorted children and the index of the next one to write.
		int[][] children = new int[64][];
		int[] next = new int[64];
		int top = 0;
		open.accept(CallTree.ROOT);
		children[0] = childrenOf.apply(CallTree.ROOT);
		next[0] = 0;
		while (top >= 0) {
			int[] siblings = children[top];
			if (next[top] < siblings.length) {
				int child = siblings[next[top]];
				if (next[top] > 0) {
					out.append(',');
				}
				next[top]++;
				open.accept(child);
				top++;
				if (top == children.length) {
					children = Arrays.copyOf(children, top * 2);
					next = Arrays.copyOf(next, top * 2);
				}
				children[top] = childrenOf.apply(child);
				next[top] = 0;
			}
			else {
				out.append("]}");
				children[top] = null;
				top--;
			}
		}
	}

	private static void openNode(StringBuilder out, CallTree tree, FrameTable frames, int node) {
		out.append("{\"name\":");
		Json.string(out, frames.name(tree.frame(node)));
		out.append(",\"own\":").append(tree.own(node));
		out.append(",\"deep\":").append(tree.deep(node));
		if (tree.hasCallMetrics()) {
			out.append(",\"calls\":").append(tree.calls(node));
			out.append(",\"ownNanos\":").append(tree.ownNanos(node));
			out.append(",\"deepNanos\":").append(tree.deepNanos(node));
		}
		out.append(",\"children\":[");
	}

	/**
	 * The children of {@code node}, heaviest DEEP first, ties by frame id for a stable
	 * order.
	 */
	static int[] sortedChildren(CallTree tree, int node) {
		int count = 0;
		for (int c = tree.firstChild(node); c != CallTree.NONE; c = tree.nextSibling(c)) {
			count++;
		}
		Integer[] children = new Integer[count];
		int i = 0;
		for (int c = tree.firstChild(node); c != CallTree.NONE; c = tree.nextSibling(c)) {
			children[i++] = c;
		}
		Arrays.sort(children, (a, b) -> {
			int byDeep = Long.compare(tree.deep(b), tree.deep(a));
			return (byDeep != 0) ? byDeep : Integer.compare(tree.frame(a), tree.frame(b));
		});
		int[] sorted = new int[count];
		for (int k = 0; k < count; k++) {
			sorted[k] = children[k];
		}
		return sorted;
	}

}
