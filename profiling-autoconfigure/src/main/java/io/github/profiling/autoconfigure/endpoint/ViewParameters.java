package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.Durations;
import io.github.profiling.profiler.InvalidSettingException;
import io.github.profiling.store.FrameFocus;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TagFilter;
import io.github.profiling.store.Window;

import java.time.Duration;
import java.util.List;

/**
 * The query parameters of the views, parsed and checked here so that bad input is
 * answered with a 400 naming the parameter, never with a 500. Every parameter arrives as
 * text: a typed parameter would fail in the framework with an empty 400 body.
 */
final class ViewParameters {

	static final int MAX_TEXT_LENGTH = 1024;

	static final int MAX_DEPTH = 100_000;

	static final long MAX_LIVE_INTERVAL_SECONDS = 60;

	private static final String STARTUP = "startup";

	private final Duration retention;

	// The application's own packages, where focus=app starts the views.
	private final List<String> applicationPackages;

	ViewParameters(Duration retention, List<String> applicationPackages) {
		this.retention = retention;
		this.applicationPackages = List.copyOf(applicationPackages);
	}

	/** The query of a view of one pruned tree: its window, filters, pruning and focus. */
	ProfileQuery tree(ViewRequest request) {
		FrameFocus focus = focus(request);
		return new ProfileQuery(window(request), tags(request.tag()), thread(request.thread()),
				maxDepth(request.maxDepth()), minPercent(request.minPercent()))
			.withFocus(focus);
	}

	/** The query of a view of every frame: its window, filters and focus; no pruning. */
	ProfileQuery unpruned(ViewRequest request) {
		FrameFocus focus = focus(request);
		return unfocused(request).withFocus(focus);
	}

	/** The query of a view of tags rather than frames: its window and filters only. */
	ProfileQuery unfocused(ViewRequest request) {
		return new ProfileQuery(window(request), tags(request.tag()), thread(request.thread()),
				ProfileQuery.UNLIMITED_DEPTH, 0);
	}

	/**
	 * The query of each event of a live stream: filters, pruning and focus; the window is
	 * each event's own.
	 */
	ProfileQuery live(ViewRequest request) {
		refuseWindow(request);
		if (request.offset() != null) {
			throw new InvalidSettingException("offset", "offset goes with the views of a window, not with live");
		}
		FrameFocus focus = focus(request);
		return new ProfileQuery(Window.sinceStart(), tags(request.tag()), thread(request.thread()),
				maxDepth(request.maxDepth()), minPercent(request.minPercent()))
			.withFocus(focus);
	}

	/**
	 * The window of a live stream's events: {@code seconds}, or {@code 0} for the time
	 * since the last one.
	 */
	long liveWindowSeconds(ViewRequest request) {
		return (request.seconds() != null) ? seconds(request.seconds(), this.retention) : 0;
	}

	/**
	 * The window of a view: the last {@code seconds}, or {@code window=startup}, or else
	 * since the application was ready.
	 */
	Window window(ViewRequest request) {
		if (request.window() != null) {
			checkStartup(request.window());
			if (request.seconds() != null) {
				throw new InvalidSettingException("seconds", "give seconds or window=startup, not both");
			}
			if (request.offset() != null) {
				throw new InvalidSettingException("offset", "give offset with seconds, not with window=startup");
			}
			return Window.startup();
		}
		if (request.seconds() == null) {
			if (request.offset() != null) {
				throw new InvalidSettingException("offset",
						"offset goes with seconds: the window ends offset seconds ago");
			}
			return Window.sinceStart();
		}
		long seconds = seconds(request.seconds(), this.retention);
		return Window.lastSeconds(seconds, offset("offset", request.offset(), seconds, this.retention));
	}

	/**
	 * The two queries of a comparison, the base first. The compared one is that of
	 * {@link #tree}; each base parameter left out takes its counterpart's value, but the
	 * base window ends, unless {@code baseOffset} says otherwise, where the compared one
	 * begins (the window before it), or with {@code baseTag}, where it ends (the same
	 * window).
	 */
	Comparison diff(ViewRequest request) {
		refuseWindow(request);
		ProfileQuery compared = tree(request);
		TagFilter baseTags = (request.baseTag() != null) ? tags("baseTag", request.baseTag()) : compared.tags();
		Long comparedSeconds = (request.seconds() != null) ? seconds(request.seconds(), this.retention) : null;
		Long baseSeconds = comparedSeconds;
		if (request.baseSeconds() != null) {
			baseSeconds = seconds("baseSeconds", request.baseSeconds(), this.retention);
		}
		Window baseWindow;
		if (baseSeconds == null) {
			if (request.baseOffset() != null) {
				throw new InvalidSettingException("baseOffset", "baseOffset goes with seconds or baseSeconds");
			}
			if (request.baseTag() == null) {
				throw new InvalidSettingException("seconds",
						"diff compares the last seconds with the seconds before them, or one tag filter with another: "
								+ "give seconds or baseTag");
			}
			baseWindow = Window.sinceStart();
		}
		else if (request.baseOffset() != null) {
			baseWindow = Window.lastSeconds(baseSeconds,
					offset("baseOffset", request.baseOffset(), baseSeconds, this.retention));
		}
		else {
			long comparedOffset = (request.offset() != null && comparedSeconds != null)
					? offset("offset", request.offset(), comparedSeconds, this.retention) : 0;
			long baseOffset = (request.baseTag() != null || comparedSeconds == null) ? comparedOffset
					: comparedOffset + comparedSeconds;
			if (baseSeconds + baseOffset > this.retention.toSeconds()) {
				throw new InvalidSettingException("seconds",
						"the base window would reach back " + (baseSeconds + baseOffset)
								+ " s, beyond the retention of " + this.retention.toSeconds()
								+ " s; give fewer seconds, or baseSeconds, baseOffset or baseTag");
			}
			baseWindow = Window.lastSeconds(baseSeconds, baseOffset);
		}
		ProfileQuery base = new ProfileQuery(baseWindow, baseTags, compared.thread(), ProfileQuery.UNLIMITED_DEPTH, 0,
				compared.focus());
		return new Comparison(base, compared);
	}

	/** The two queries of a comparison: the base, and the one compared with it. */
	record Comparison(ProfileQuery base, ProfileQuery compared) {
	}

	/**
	 * The query of a timeline: the last {@code seconds} (by default the whole retention)
	 * up to {@code offset} seconds ago, and the tag and thread filters.
	 */
	ProfileQuery timeline(ViewRequest request) {
		refuseWindow(request);
		long seconds = (request.seconds() != null) ? seconds(request.seconds(), this.retention)
				: Math.max(1, this.retention.toSeconds());
		Window window = Window.lastSeconds(seconds, offset("offset", request.offset(), seconds, this.retention));
		return new ProfileQuery(window, tags(request.tag()), thread(request.thread()), ProfileQuery.UNLIMITED_DEPTH, 0);
	}

	/** The most kept requests {@code requests} lists, and how many by default. */
	static final int MAX_LIMIT = 1_000;

	static final int DEFAULT_LIMIT = 100;

	/**
	 * The query of {@code requests}: the window the listed requests began in, and the tag
	 * filter of their tags.
	 */
	ProfileQuery requests(ViewRequest request) {
		if (request.request() != null) {
			throw new InvalidSettingException("request", "request goes with tree, flamegraph, collapsed and pprof");
		}
		return new ProfileQuery(window(request), tags(request.tag()), null, ProfileQuery.UNLIMITED_DEPTH, 0);
	}

	/** How many kept requests to list: from 1 to {@link #MAX_LIMIT}, 100 by default. */
	static int limit(String text) {
		if (text == null) {
			return DEFAULT_LIMIT;
		}
		long limit = wholeNumber("limit", text);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidSettingException("limit",
					"limit must be between 1 and " + MAX_LIMIT + "; got " + Durations.quote(text.trim()));
		}
		return (int) limit;
	}

	/**
	 * The query of one kept request's own tree: its pruning and focus. Its window is the
	 * request's, so a window, a tag or thread filter or a base is refused with it.
	 */
	ProfileQuery requestTree(ViewRequest request) {
		String refused = (request.seconds() != null) ? "seconds"
				: (request.offset() != null) ? "offset"
						: (request.window() != null) ? "window" : (request.tag() != null) ? "tag"
								: (request.thread() != null) ? "thread" : request.hasBase() ? "baseSeconds" : null;
		if (refused != null) {
			throw new InvalidSettingException(refused, refused
					+ " does not go with request: a request's tree covers that request, from its start to its end");
		}
		return new ProfileQuery(Window.sinceStart(), TagFilter.NONE, null, maxDepth(request.maxDepth()),
				minPercent(request.minPercent()))
			.withFocus(focus(request));
	}

	/** A kept request's id, as {@code requests} lists it: digits. */
	static String requestId(String text) {
		checkLength("request", text);
		String trimmed = text.trim();
		if (!trimmed.matches("\\d{1,10}")) {
			throw new InvalidSettingException("request",
					"request must be the id of a kept request, as requests lists it; got " + Durations.quote(text));
		}
		return trimmed;
	}

	/**
	 * How many seconds before now a window of {@code seconds} ends: whole seconds, 0 when
	 * absent, and the window within the retention.
	 */
	private static long offset(String parameter, String text, long seconds, Duration retention) {
		if (text == null) {
			return 0;
		}
		long offset = wholeNumber(parameter, text);
		if (offset < 0 || offset > retention.toSeconds() - seconds) {
			throw new InvalidSettingException(parameter,
					parameter + " must be between 0 and the retention less the window's seconds, "
							+ (retention.toSeconds() - seconds) + "; got " + Durations.quote(text.trim()));
		}
		return offset;
	}

	/**
	 * For the views that have no window: {@code window} is refused rather than ignored.
	 */
	static void refuseWindow(ViewRequest request) {
		if (request.window() != null) {
			checkStartup(request.window());
			throw new InvalidSettingException("window",
					"window=startup goes with tree, tags, flamegraph, collapsed and pprof");
		}
	}

	private static void checkStartup(String window) {
		if (!STARTUP.equals(window.trim())) {
			throw new InvalidSettingException("window",
					"window must be startup (or absent: since the application was ready)");
		}
	}

	/** Where the paths start, or {@code null} for their roots. */
	FrameFocus focus(ViewRequest request) {
		return FocusParameter.parse(request.focus(), this.applicationPackages);
	}

	/** A window length: whole seconds, at least 1, at most the retention. */
	static long seconds(String text, Duration retention) {
		return seconds("seconds", text, retention);
	}

	private static long seconds(String parameter, String text, Duration retention) {
		long seconds = wholeNumber(parameter, text);
		if (seconds < 1 || seconds > retention.toSeconds()) {
			throw new InvalidSettingException(parameter, parameter + " must be between 1 and the retention, "
					+ retention.toSeconds() + "; got " + Durations.quote(text.trim()));
		}
		return seconds;
	}

	static TagFilter tags(String text) {
		return tags("tag", text);
	}

	private static TagFilter tags(String parameter, String text) {
		if (text == null) {
			return TagFilter.NONE;
		}
		checkLength(parameter, text);
		try {
			return TagFilter.parse(List.of(text));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(parameter,
					ex.getMessage().replaceFirst("^tag must", parameter + " must"));
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

	/**
	 * A live stream's interval: whole seconds from 1 s to a minute ({@code 1s},
	 * {@code 5s}, {@code 2}).
	 */
	static long liveIntervalSeconds(String text, Duration defaultInterval) {
		Duration interval = defaultInterval;
		if (text != null) {
			checkLength("interval", text);
			String trimmed = text.trim();
			try {
				// A bare number means seconds here, and is refused before it can
				// overflow.
				interval = trimmed.matches("\\d{1,12}") ? Duration.ofSeconds(Long.parseLong(trimmed))
						: Durations.parse(trimmed);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException("interval", ex.getMessage());
			}
		}
		// getNano, not toNanos: a duration of years overflows a long of nanoseconds.
		if (interval.getNano() != 0 || interval.toSeconds() < 1 || interval.toSeconds() > MAX_LIVE_INTERVAL_SECONDS) {
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
