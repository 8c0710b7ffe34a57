package io.github.profiling.export;

import io.github.profiling.store.DiffResult;
import io.github.profiling.store.QueryResult;
import io.github.profiling.store.RequestProfiles;

/**
 * A self-contained, interactive flame graph page: the {@code flamegraph.html} template of
 * this package, its scripts inline, with the tree JSON (or a comparison's) embedded. No
 * script, style or font is fetched from anywhere.
 */
public final class FlameGraphPage {

	static final String DATA_PLACEHOLDER = "/*PROFILE_JSON*/null";

	static final String TITLE_PLACEHOLDER = "<!--TITLE-->";

	static final String TEMPLATE = "flamegraph.html";

	private FlameGraphPage() {
	}

	public static String write(TreeJson.Header header, QueryResult result, String title) {
		return page(TreeJson.write(header, result), title);
	}

	/**
	 * The flame graph of one kept request's own tree; its data carries the request's
	 * descriptor.
	 */
	public static String write(TreeJson.Header header, QueryResult result, String title,
			RequestProfiles.Request request) {
		return page(TreeJson.write(header, result, request), title);
	}

	/**
	 * A differential flame graph of a comparison: widths are the compared profile's, and
	 * each frame is red where its share of the total grew against the base and blue where
	 * it shrank, the stronger the more.
	 */
	public static String write(TreeJson.Header header, DiffResult result, String title) {
		return page(DiffJson.write(header, result), title);
	}

	private static String page(String json, String title) {
		String template = Pages.page(TEMPLATE);
		// "</script" or "<!--" inside a script would end or hide it. In JSON a "<" can
		// only stand
		// in a string, where the escape backslash-u003c means the same.
		return template.replace(TITLE_PLACEHOLDER, Html.escape(title))
			.replace(DATA_PLACEHOLDER, json.replace("<", "\\u003c"));
	}

	/** Escapes text for HTML element content and attribute values. */
	static final class Html {

		private Html() {
		}

		static String escape(String text) {
			StringBuilder out = new StringBuilder(text.length() + 16);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				switch (c) {
					case '<' -> out.append("&lt;");
					case '>' -> out.append("&gt;");
					case '&' -> out.append("&amp;");
					case '"' -> out.append("&quot;");
					case '\'' -> out.append("&#39;");
					default -> out.append(c);
				}
			}
			return out.toString();
		}

	}

}
