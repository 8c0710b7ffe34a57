package io.github.profiling.export;

import io.github.profiling.store.QueryResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A self-contained, interactive flame graph page: the {@code flamegraph.html} template of this
 * package with the tree JSON embedded. No script, style or font is fetched from anywhere.
 */
public final class FlameGraphPage {

	static final String DATA_PLACEHOLDER = "/*PROFILE_JSON*/null";

	static final String TITLE_PLACEHOLDER = "<!--TITLE-->";

	static final String TEMPLATE = "flamegraph.html";

	private FlameGraphPage() {
	}

	public static String write(TreeJson.Header header, QueryResult result, String title) {
		String template = Resources.text(TEMPLATE);
		// "</" inside a script would end it early; JSON allows "<\/" for "</".
		String json = TreeJson.write(header, result).replace("</", "<\\/");
		return template.replace(TITLE_PLACEHOLDER, Html.escape(title)).replace(DATA_PLACEHOLDER, json);
	}

	/** Text resources of this package, read from the jar once each. */
	public static final class Resources {

		private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

		private Resources() {
		}

		public static String text(String name) {
			return CACHE.computeIfAbsent(name, Resources::read);
		}

		private static String read(String name) {
			try (InputStream in = FlameGraphPage.class.getResourceAsStream(name)) {
				if (in == null) {
					throw new IllegalStateException("missing resource " + name);
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

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
