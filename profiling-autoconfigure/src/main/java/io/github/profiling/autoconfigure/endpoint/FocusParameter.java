package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.store.FrameFocus;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code focus} query parameter: {@code app} starts every path at the first frame of
 * the application's own packages (those of its {@code @SpringBootApplication} class), a
 * list of packages or classes ({@code com.example.shop,org.acme.Cart}) at the first frame
 * of those.
 */
final class FocusParameter {

	static final String APPLICATION = "app";

	private static final int MAX_LENGTH = 1024;

	private FocusParameter() {
	}

	/** The focus asked for, or {@code null} for none. */
	static FrameFocus parse(String text, List<String> applicationPackages) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidSettingException("focus", "focus is longer than " + MAX_LENGTH + " characters");
		}
		if (APPLICATION.equals(text.trim())) {
			if (applicationPackages.isEmpty()) {
				throw new InvalidSettingException("focus",
						"the application's packages are not known here; name them, e.g. focus=com.example");
			}
			return FrameFocus.on(applicationPackages);
		}
		List<String> prefixes = new ArrayList<>();
		for (String part : text.split(",")) {
			String prefix = part.trim();
			if (!prefix.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
				throw new InvalidSettingException("focus",
						"focus must be app or packages and classes separated by commas, e.g. com.example.shop; got '"
								+ ((prefix.length() > 80) ? prefix.substring(0, 80) + "…" : prefix) + "'");
			}
			prefixes.add(prefix);
		}
		return FrameFocus.on(prefixes);
	}

}
