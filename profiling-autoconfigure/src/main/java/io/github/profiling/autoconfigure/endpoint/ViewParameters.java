package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.Durations;
import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.Window;

import java.time.Duration;
import java.util.List;

/**
 * The query parameters shared by every tree-shaped view, parsed and checked here so that bad
 * input is answered with a 400 naming the parameter, never with a 500. Every parameter arrives
 * as text: a typed parameter would fail in the framework with an empty 400 body.
 */
final class ViewParameters {

	static final int MAX_TEXT_LENGTH = 1024;

	static final int MAX_DEPTH = 100_000;

	static final long MAX_LIVE_INTERVAL_SECONDS = 60;

	private ViewParameters() {
	}

	static ProfileQuery query(String seconds, String tag, String thread, String maxDepth, String minPercent,
			Duration retention) {
		Window window = (seconds != null) ? Window.lastSeconds(seconds(seconds, retention)) : Window.sinceStart();
		return new ProfileQuery(window, tags(tag), thread(thread), maxDepth(maxDepth), minPercent(minPercent));
	}

	/** A window length: whole seconds, at least 1, at most the retention. */
	static long seconds(String text, Duration retention) {
		long seconds = wholeNumber("seconds", text);
		if (seconds < 1 || seconds > retention.toSeconds()) {
			throw new InvalidSettingException("seconds",
					"seconds must be between 1 and the retention, " + retention.toSeconds() + "; got "
							+ Durations.quote(text.trim()));
		}
		return seconds;
	}

	static TagFilter tags(String text) {
		if (text == null) {
			return TagFilter.NONE;
		}
		checkLength("tag", text);
		try {
			return TagFilter.parse(List.of(text));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("tag", ex.getMessage());
		}
	}

	static String thread(String text) {
		if (text == null) {
			return null;
		}
		checkLength("thread", text);
		return text;
	}

	static int maxDepth(String text) {
		if (text == null) {
			return ProfileQuery.UNLIMITED_DEPTH;
		}
		long depth = wholeNumber("maxDepth", text);
		if (depth < 1 || depth > MAX_DEPTH) {
			throw new InvalidSettingException("maxDepth",
					"maxDepth must be between 1 and " + MAX_DEPTH + "; got " + Durations.quote(text.trim()));
		}
		return (int) depth;
	}

	static double minPercent(String text) {
		if (text == null) {
			return 0;
		}
		checkLength("minPercent", text);
		double percent;
		try {
			percent = Double.parseDouble(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException("minPercent",
					"minPercent must be a number from 0 to 100; got " + Durations.quote(text));
		}
		if (!(percent >= 0 && percent <= 100)) {
			throw new InvalidSettingException("minPercent",
					"minPercent must be a number from 0 to 100; got " + Durations.quote(text));
		}
		return percent;
	}

	/** A live stream's interval: whole seconds from 1 s to a minute ({@code 1s}, {@code 5s}, {@code 2}). */
	static long liveIntervalSeconds(String text, Duration defaultInterval) {
		Duration interval = defaultInterval;
		if (text != null) {
			checkLength("interval", text);
			String trimmed = text.trim();
			try {
				// A bare number means seconds here, and is refused before it can overflow.
				interval = trimmed.matches("\\d{1,12}") ? Duration.ofSeconds(Long.parseLong(trimmed))
						: Durations.parse(trimmed);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException("interval", ex.getMessage());
			}
		}
		// getNano, not toNanos: a duration of years overflows a long of nanoseconds.
		if (interval.getNano() != 0 || interval.toSeconds() < 1
				|| interval.toSeconds() > MAX_LIVE_INTERVAL_SECONDS) {
			throw new InvalidSettingException("interval", "interval must be whole seconds from 1s to "
					+ MAX_LIVE_INTERVAL_SECONDS + "s; got " + Durations.format(interval));
		}
		return interval.toSeconds();
	}

	private static long wholeNumber(String parameter, String text) {
		checkLength(parameter, text);
		String trimmed = text.trim();
		if (!trimmed.matches("-?\\d{1,12}")) {
			throw new InvalidSettingException(parameter,
					parameter + " must be a whole number; got " + Durations.quote(text));
		}
		return Long.parseLong(trimmed);
	}

	private static void checkLength(String parameter, String text) {
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new InvalidSettingException(parameter,
					parameter + " is longer than " + MAX_TEXT_LENGTH + " characters");
		}
	}

}
