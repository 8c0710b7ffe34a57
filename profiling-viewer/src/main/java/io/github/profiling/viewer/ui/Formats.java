package io.github.profiling.viewer.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers look in the table and the header. */
final class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Formats() {
	}

	/**
	 * Nanoseconds in the largest unit that keeps them short: 950ns, 12.3us, 4.5ms, 1.20s.
	 */
	static String nanos(long nanos) {
		if (nanos < 1_000) {
			return nanos + "ns";
		}
		if (nanos < 1_000_000) {
			return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
		}
		if (nanos < 1_000_000_000) {
			return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
		}
		return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
	}

	/** Milliseconds as {@link #nanos(long)} shows them: 412.7ms, 1.20s. */
	static String millis(double millis) {
		return nanos(Math.round(millis * 1e6));
	}

	/** The time of day in UTC, to the millisecond: 18:00:12.345Z. */
	static String time(Instant instant) {
		return TIME.format(instant);
	}

	static String percent(double percent) {
		return String.format(Locale.ROOT, "%.1f", percent);
	}

	/** A window or an age: 850ms, 10s, 2m05s. */
	/**
	 * A change of share in percentage points, signed: {@code +12.5}, {@code -3.0},
	 * {@code 0.0}; blank where there is none.
	 */
	static String change(double points) {
		if (Double.isNaN(points)) {
			return "";
		}
		double rounded = Math.round(points * 10) / 10.0;
		return (rounded > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f", (rounded == 0) ? 0.0 : rounded);
	}

	static String duration(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1_000) {
			return millis + "ms";
		}
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return millis % 1_000 == 0 || seconds >= 10 ? seconds + "s"
					: String.format(Locale.ROOT, "%.1fs", millis / 1e3);
		}
		return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
	}

	/** Pads or cuts {@code text} to exactly {@code width} characters, aligned right. */
	static String right(String text, int width) {
		if (text.length() >= width) {
			return text.substring(text.length() - width);
		}
		return " ".repeat(width - text.length()) + text;
	}

	/** Pads or cuts {@code text} to exactly {@code width} characters, aligned left. */
	static String left(String text, int width) {
		if (text.length() >= width) {
			return text.substring(0, width);
		}
		return text + " ".repeat(width - text.length());
	}

	/**
	 * Shortens a frame name from the left, where the package is, keeping the class and
	 * method.
	 */
	static String tail(String text, int width) {
		if (text.length() <= width) {
			return text;
		}
		if (width <= 2) {
			return text.substring(text.length() - width);
		}
		return ".." + text.substring(text.length() - (width - 2));
	}

}
