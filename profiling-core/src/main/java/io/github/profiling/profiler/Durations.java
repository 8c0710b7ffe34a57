package io.github.profiling.profiler;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the short durations users write: {@code 10ms}, {@code 1s}, {@code 500us},
 * {@code 2m}.
 */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("^(\\d{1,12}(?:\\.\\d{1,9})?)(ns|us|ms|s|m|h)?$");

	private Durations() {
	}

	/**
	 * Durations are held as nanoseconds in a long: about 292 years, far beyond any
	 * interval.
	 */
	private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

	/**
	 * What an error message quotes of a value at most, so that a huge input is not
	 * echoed.
	 */
	private static final int MAX_QUOTED = 40;

	/**
	 * Parses {@code text}; a bare number means milliseconds.
	 * @throws IllegalArgumentException with a message a user can act on
	 */
	public static Duration parse(String text) {
		Matcher matcher = SIMPLE.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(quote(text) + " is not a duration; write it like 10ms, 1s or 2m");
		}
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
		// Decimals too (0.5ms, 1.5s): the limits of a setting are its own to say, not the
		// syntax's.
		java.math.BigDecimal nanos = new java.math.BigDecimal(matcher.group(1))
			.multiply(java.math.BigDecimal.valueOf(nanosPer(unit)));
		if (nanos.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
			throw new IllegalArgumentException(quote(text) + " is too long a duration");
		}
		if (nanos.stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException(quote(text) + " is not a whole number of nanoseconds");
		}
		return Duration.ofNanos(nanos.longValueExact());
	}

	private static long nanosPer(String unit) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			default -> 3_600_000_000_000L;
		};
	}

	/** {@code 'text'}, or its first characters and an ellipsis when it is long. */
	public static String quote(String text) {
		return "'" + ((text.length() > MAX_QUOTED) ? text.substring(0, MAX_QUOTED) + "…" : text) + "'";
	}

	/** Formats as the shortest exact unit: {@code 10ms}, {@code 1s}. */
	public static String format(Duration duration) {
		if (duration.compareTo(MAX) > 0 || duration.compareTo(MAX.negated()) < 0) {
			// Beyond a long of nanoseconds: whole seconds are exact enough.
			return duration.getSeconds() + "s";
		}
		long nanos = duration.toNanos();
		if (nanos % 1_000_000_000L == 0) {
			return (nanos / 1_000_000_000L) + "s";
		}
		if (nanos % 1_000_000L == 0) {
			return (nanos / 1_000_000L) + "ms";
		}
		if (nanos % 1000 == 0) {
			return (nanos / 1000) + "us";
		}
		return nanos + "ns";
	}

}
