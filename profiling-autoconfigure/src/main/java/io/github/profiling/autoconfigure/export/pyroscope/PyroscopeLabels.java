package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.export.Pprof;

/**
 * Names as Pyroscope accepts them. Its label names follow Prometheus's
 * {@code [a-zA-Z_][a-zA-Z0-9_]*} (pkg/validation/validate.go of grafana/pyroscope rejects
 * others), so a tag key such as {@code http.route} is pushed as {@code http_route}: every
 * other character becomes {@code _}, and a leading digit gets a {@code _} in front.
 */
final class PyroscopeLabels {

	private PyroscopeLabels() {
	}

	static String labelName(String key) {
		if (key.isEmpty()) {
			return "_";
		}
		StringBuilder name = new StringBuilder(key.length() + 1);
		if (key.charAt(0) >= '0' && key.charAt(0) <= '9') {
			name.append('_');
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
			name.append(allowed ? c : '_');
		}
		return name.toString();
	}

	/**
	 * The {@code __name__} series label, which with the pprof sample types makes
	 * Pyroscope's profile type ({@code process_cpu:cpu:nanoseconds:cpu:nanoseconds} and
	 * so on): the names its own Java agent uses, so that Grafana's profile type picker
	 * shows ours alike.
	 */
	static String profileName(Pprof.Units units) {
		return switch (units.event()) {
			case "cpu" -> "process_cpu";
			case "alloc_space" -> "memory";
			case "lock" -> "mutex";
			default -> units.event();
		};
	}

}
