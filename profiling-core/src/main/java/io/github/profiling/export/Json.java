package io.github.profiling.export;

import io.github.profiling.context.TagSet;

/** The little JSON writing the views need, without a JSON library in the core. */
final class Json {

	private Json() {
	}

	/** A tag set as an object, {@code {"key":"value",...}}. */
	static StringBuilder tags(StringBuilder out, TagSet tags) {
		out.append('{');
		for (int k = 0; k < tags.size(); k++) {
			if (k > 0) {
				out.append(',');
			}
			string(out, tags.key(k)).append(':');
			string(out, tags.value(k));
		}
		return out.append('}');
	}

	/** A share in percent, to four decimals. */
	static StringBuilder percent(StringBuilder out, long part, long total) {
		return out.append((total > 0) ? Math.round(part * 1_000_000.0 / total) / 10_000.0 : 0.0);
	}

	static StringBuilder string(StringBuilder out, String value) {
		if (value == null) {
			return out.append("null");
		}
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"');
	}

}
