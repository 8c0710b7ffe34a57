package io.github.profiling.export;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML pages of this package as they are served. A page resource names each script of
 * this package it runs by an empty {@code <script src="name.js"></script>} element; here
 * the script is put inline in its place, so that a served page is one self-contained
 * document that requests nothing (the pages' Content-Security-Policy allows inline
 * scripts only). A script shared by several pages is thereby kept in one file. The
 * browser tests assemble the pages by the same rule ({@code browser-tests/lib/pages.js}).
 */
final class Pages {

	/** An element that names a script resource of this package. */
	static final Pattern SCRIPT_ELEMENT = Pattern.compile("<script src=\"([a-z][a-z0-9-]*\\.js)\"></script>");

	private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

	private Pages() {
	}

	/** The page resource {@code name} with its scripts inline. */
	static String page(String name) {
		return CACHE.computeIfAbsent(name, (page) -> inline(Resources.text(page)));
	}

	static String inline(String html) {
		Matcher element = SCRIPT_ELEMENT.matcher(html);
		StringBuilder out = new StringBuilder(html.length() + 32 * 1024);
		int end = 0;
		while (element.find()) {
			String script = Resources.text(element.group(1));
			// Inline, "</script" would end the element early and "<!--" could hide its
			// end.
			String lower = script.toLowerCase(Locale.ROOT);
			if (lower.contains("</script") || lower.contains("<!--")) {
				throw new IllegalStateException(element.group(1) + " cannot be put inline: it holds </script or <!--");
			}
			out.append(html, end, element.start()).append("<script>\n").append(script).append("</script>");
			end = element.end();
		}
		return out.append(html, end, html.length()).toString();
	}

}
