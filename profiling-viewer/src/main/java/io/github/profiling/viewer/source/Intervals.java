package io.github.profiling.viewer.source;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way the endpoint's {@code interval} parameter takes them: 500ms,
 * 1s, 2m.
 */
public final class Intervals {

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

	private Intervals() {
	}

	/**
	 * Parses {@code 500ms}, {@code 1s} or {@code 2m}; anything else is an
	 * IllegalArgumentException.
	 */
	public static Duration parse(String text) {
		Matcher matcher = DURATION.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"an interval is a number and a unit (ms, s or m), e.g. 1s or 500ms; got \"" + text + "\"");
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			default -> Duration.ofMinutes(amount);
		};
		if (duration.isZero()) {
			throw new IllegalArgumentException("an interval must be longer than zero; got \"" + text + "\"");
		}
		return duration;
	}

}
