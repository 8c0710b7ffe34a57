package io.github.profiling.tracing;

import io.github.profiling.profiler.InvalidSettingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which classes the tracer instruments: those whose name matches an {@code include}
 * pattern and no {@code exclude} pattern. A pattern is a class name in which {@code **}
 * stands for any characters and {@code *} for any characters but a dot:
 * <ul>
 * <li>{@code com.example.**}: every class of {@code com.example} and its
 * sub-packages;</li>
 * <li>{@code com.example.*}: the classes of {@code com.example} only;</li>
 * <li>{@code com.example.*Service}: classes of {@code com.example} whose name ends
 * so;</li>
 * <li>{@code com.example.Cart}: that class (nested classes are
 * {@code com.example.Cart$*}).</li>
 * </ul>
 * The profiler's engine (the tracer, the context it reads on every call, the store) is
 * never instrumented, nor are generated classes (names with {@code $$}, such as proxies
 * and lambdas).
 */
public final class TracingTargets {

	/** Nothing to trace; tracing mode refuses to start with it. */
	public static final TracingTargets NONE = new TracingTargets(List.of(), List.of());

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_$.*]+");

	/** Patterns in one list at most: each is matched against every class loaded. */
	public static final int MAX_PATTERNS = 100;

	/** The longest pattern: longer than any class name worth writing. */
	public static final int MAX_PATTERN_LENGTH = 256;

	// Loaded by the boot class loader, which cannot see the recorder: never instrumented.
	private static final List<String> JDK_PACKAGES = List.of("java.", "jdk.", "sun.", "com.sun.");

	// Instrumenting these would make the tracer trace itself.
	private static final List<String> ALWAYS_EXCLUDED = List.of("io.github.profiling.tracing.",
			"io.github.profiling.context.", "io.github.profiling.store.", "io.github.profiling.tree.",
			"io.github.profiling.export.", "io.github.profiling.profiler.", "io.github.profiling.sampler.",
			"net.bytebuddy.");

	private final List<String> include;

	private final List<String> exclude;

	// Each list compiled once into one alternation, matched once per class.
	private final Pattern includeRegex;

	private final Pattern excludeRegex;

	/**
	 * @throws InvalidSettingException naming {@code tracing.include} or
	 * {@code tracing.exclude} if a pattern is malformed
	 */
	public TracingTargets(List<String> include, List<String> exclude) {
		this.include = clean("tracing.include", include);
		this.exclude = clean("tracing.exclude", exclude);
		checkTraceable(this.include);
		this.includeRegex = regex(this.include);
		this.excludeRegex = regex(this.exclude);
	}

	/**
	 * Refuses include patterns that would trace nothing, or everything: the JDK's
	 * classes, which cannot be instrumented, and patterns that name no package, which
	 * would instrument every class of every library (and take minutes to).
	 */
	private static void checkTraceable(List<String> include) {
		for (String pattern : include) {
			int wildcard = pattern.indexOf('*');
			String literal = (wildcard >= 0) ? pattern.substring(0, wildcard) : pattern;
			if (wildcard >= 0 && literal.indexOf('.') < 1) {
				throw new InvalidSettingException("tracing.include", "'" + pattern + "' names no package: it would"
						+ " instrument every class of every library; name the application's, e.g. com.example.**");
			}
			for (String jdk : JDK_PACKAGES) {
				if (literal.startsWith(jdk)) {
					throw new InvalidSettingException("tracing.include", "'" + pattern + "' names classes of the"
							+ " JDK, which the boot class loader loads and tracing cannot instrument");
				}
			}
		}
	}

	public List<String> include() {
		return this.include;
	}

	public List<String> exclude() {
		return this.exclude;
	}

	/** Patterns from comma-separated text, as a POST body carries them. */
	public static List<String> split(String text) {
		List<String> patterns = new ArrayList<>();
		for (String part : text.split(",")) {
			if (!part.isBlank()) {
				patterns.add(part.trim());
			}
		}
		return patterns;
	}

	public boolean isEmpty() {
		return this.include.isEmpty();
	}

	/**
	 * Whether the class of binary name {@code className} (e.g. {@code a.b.Outer$Inner})
	 * is traced.
	 */
	public boolean matches(String className) {
		if (className.contains("$$")) {
			return false;
		}
		for (String prefix : ALWAYS_EXCLUDED) {
			if (className.startsWith(prefix)) {
				return false;
			}
		}
		return this.includeRegex != null && this.includeRegex.matcher(className).matches()
				&& (this.excludeRegex == null || !this.excludeRegex.matcher(className).matches());
	}

	private static Pattern regex(List<String> patterns) {
		if (patterns.isEmpty()) {
			return null;
		}
		StringBuilder alternation = new StringBuilder();
		for (String pattern : patterns) {
			if (!alternation.isEmpty()) {
				alternation.append('|');
			}
			alternation.append("(?:").append(regex(pattern).pattern()).append(')');
		}
		return Pattern.compile(alternation.toString());
	}

	private static List<String> clean(String parameter, List<String> patterns) {
		if (patterns == null) {
			return List.of();
		}
		List<String> cleaned = new ArrayList<>();
		for (String pattern : patterns) {
			String trimmed = (pattern != null) ? pattern.trim() : "";
			if (trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.length() > MAX_PATTERN_LENGTH) {
				throw new InvalidSettingException(parameter, "a pattern is longer than " + MAX_PATTERN_LENGTH
						+ " characters: '" + trimmed.substring(0, 40) + "…'");
			}
			if (cleaned.size() == MAX_PATTERNS) {
				throw new InvalidSettingException(parameter, "more than " + MAX_PATTERNS + " patterns");
			}
			if (!VALID.matcher(trimmed).matches() || trimmed.contains("***") || trimmed.startsWith(".")
					|| trimmed.contains("..")) {
				throw new InvalidSettingException(parameter, "'" + trimmed
						+ "' is not a class-name pattern; write it like com.example.** (package and sub-packages), com.example.* or com.example.Cart");
			}
			cleaned.add(trimmed);
		}
		return List.copyOf(cleaned);
	}

	/**
	 * {@code **} → any characters, {@code *} → any characters but a dot, the rest
	 * literally.
	 */
	static Pattern regex(String pattern) {
		StringBuilder regex = new StringBuilder();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
				regex.append(".*");
				i += 2;
			}
			else if (c == '*') {
				regex.append("[^.]*");
				i++;
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
				i++;
			}
		}
		return Pattern.compile(regex.toString());
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof TracingTargets other) && this.include.equals(other.include)
				&& this.exclude.equals(other.exclude);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.include, this.exclude);
	}

	@Override
	public String toString() {
		return "include " + this.include + ", exclude " + this.exclude;
	}

}
