package io.github.profiling.export;

/** The little JSON writing the views need, without a JSON library in the core. */
final class Json {

	private Json() {
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
