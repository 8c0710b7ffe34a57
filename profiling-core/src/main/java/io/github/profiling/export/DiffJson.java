package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.DiffResult;
import io.github.profiling.tree.CallTree;
import io.github.profiling.tree.DiffTree;

import java.util.Arrays;

/**
 * Writes a comparison of two profiles as JSON:
 * {@code {"sampler","event","unit","from","to","samples","base":{"from","to","samples"},"root":{…}}}.
 * The tree is the union of both profiles' paths; each node has the compared profile's
 * {@code own} and {@code deep}, the base's {@code baseOwn} and {@code baseDeep}, and all
 * four in percent of their profile's total ({@code ownPercent}, {@code deepPercent},
 * {@code baseOwnPercent}, {@code baseDeepPercent}), since two windows seldom carry the
 * same load. Without the base fields, the document is the compared profile's tree
 * document. Children are sorted by the compared DEEP, then the base's, heaviest first.
 */
public final class DiffJson {

	private DiffJson() {
	}

	public static String write(TreeJson.Header header, DiffResult result) {
		DiffTree tree = result.tree();
		StringBuilder out = new StringBuilder(256 + tree.size() * 160);
		TreeJson.writeRecording(out, header);
		out.append(",\"from\":");
		Json.string(out, result.from().toString());
		out.append(",\"to\":");
		Json.string(out, result.to().toString());
		out.append(",\"samples\":").append(result.samples());
		out.append(",\"base\":{\"from\":");
		Json.string(out, result.baseFrom().toString());
		out.append(",\"to\":");
		Json.string(out, result.baseTo().toString());
		out.append(",\"samples\":").append(result.baseSamples()).append('}');
		if (header.hint() != null) {
			out.append(",\"hint\":");
			Json.string(out, header.hint());
		}
		out.append(",\"root\":");
		TreeJson.writeNodes(out, (node) -> sortedChildren(tree, node),
				(node) -> openNode(out, tree, result.frames(), node));
		return out.append('}').toString();
	}

	private static void openNode(StringBuilder out, DiffTree tree, FrameTable frames, int node) {
		CallTree base = tree.base();
		CallTree compared = tree.compared();
		out.append("{\"name\":");
		Json.string(out, frames.name(compared.frame(node)));
		out.append(",\"own\":").append(compared.own(node));
		out.append(",\"deep\":").append(compared.deep(node));
		out.append(",\"baseOwn\":").append(base.own(node));
		out.append(",\"baseDeep\":").append(base.deep(node));
		out.append(",\"ownPercent\":");
		Json.percent(out, compared.own(node), compared.total());
		out.append(",\"deepPercent\":");
		Json.percent(out, compared.deep(node), compared.total());
		out.append(",\"baseOwnPercent\":");
		Json.percent(out, base.own(node), base.total());
		out.append(",\"baseDeepPercent\":");
		Json.percent(out, base.deep(node), base.total());
		out.append(",\"children\":[");
	}

	private static int[] sortedChildren(DiffTree tree, int node) {
		CallTree base = tree.base();
		CallTree compared = tree.compared();
		int count = 0;
		for (int c = compared.firstChild(node); c != CallTree.NONE; c = compared.nextSibling(c)) {
			count++;
		}
		Integer[] children = new Integer[count];
		int i = 0;
		for (int c = compared.firstChild(node); c != CallTree.NONE; c = compared.nextSibling(c)) {
			children[i++] = c;
		}
		Arrays.sort(children, (a, b) -> {
			int byDeep = Long.compare(compared.deep(b), compared.deep(a));
			int byBase = (byDeep != 0) ? byDeep : Long.compare(base.deep(b), base.deep(a));
			return (byBase != 0) ? byBase : Integer.compare(compared.frame(a), compared.frame(b));
		});
		return Arrays.stream(children).mapToInt(Integer::intValue).toArray();
	}

}
