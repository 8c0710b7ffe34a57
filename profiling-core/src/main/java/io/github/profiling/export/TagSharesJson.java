package io.github.profiling.export;

import io.github.profiling.store.TagShare;

import java.util.List;

/**
 * The {@code tags} view as JSON text: {@code [{"tags":{...},"samples":n,"percent":p},
 * ...]}. Written as text, so that it is served as {@code application/json} whatever the
 * client accepts.
 */
public final class TagSharesJson {

	private TagSharesJson() {
	}

	public static String write(List<TagShare> shares) {
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < shares.size(); i++) {
			TagShare share = shares.get(i);
			if (i > 0) {
				out.append(',');
			}
			out.append("{\"tags\":");
			Json.tags(out, share.tags());
			out.append(",\"samples\":").append(share.samples());
			out.append(",\"percent\":").append(Math.round(share.percent() * 100) / 100.0).append('}');
		}
		return out.append(']').toString();
	}

}
