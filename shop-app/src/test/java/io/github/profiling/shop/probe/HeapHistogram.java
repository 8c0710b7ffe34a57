package io.github.profiling.shop.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, as {@code jcmd <pid> GC.class_histogram} prints
 * them (after a full GC): to see which classes a heap's growth is made of. The histogram
 * is kept in a file, not in the heap, so that holding one does not grow the next.
 */
public final class HeapHistogram {

	// " 12: 3456 789012 java.lang.String (java.base@17.0.15)"
	private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private final Path file;

	private final long bytes;

	private HeapHistogram(Path file, long bytes) {
		this.file = file;
		this.bytes = bytes;
	}

	/**
	 * The histogram of the live heap now (the diagnostic command collects first), written
	 * to {@code file}.
	 */
	public static HeapHistogram take(Path file) {
		String text;
		try {
			text = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("GC.class_histogram", ex);
		}
		long bytes = 0;
		for (long[] figures : parse(text).values()) {
			bytes += figures[1];
		}
		return new HeapHistogram(file, bytes);
	}

	/** Bytes of all live objects. */
	public long bytes() {
		return this.bytes;
	}

	/** Bytes of the live objects whose class name starts with {@code prefix}. */
	public long bytesOf(String prefix) {
		return classes().entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong((entry) -> entry.getValue()[1])
			.sum();
	}

	/**
	 * The {@code limit} classes that grew most in bytes since {@code earlier}, one line
	 * each.
	 */
	public List<String> largestGrowthSince(HeapHistogram earlier, int limit) {
		Map<String, long[]> before = earlier.classes();
		return classes().entrySet().stream().map((entry) -> {
			long[] then = before.getOrDefault(entry.getKey(), new long[2]);
			return Map.entry(entry.getKey(),
					new long[] { entry.getValue()[0] - then[0], entry.getValue()[1] - then[1] });
		})
			.sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed())
			.limit(limit)
			.map((entry) -> String.format("%+,d B %+,d objects %s", entry.getValue()[1], entry.getValue()[0],
					entry.getKey()))
			.toList();
	}

	private Map<String, long[]> classes() {
		try {
			return parse(Files.readString(this.file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Instances and bytes by class name. */
	private static Map<String, long[]> parse(String text) {
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			Matcher matcher = LINE.matcher(line);
			if (matcher.find()) {
				classes.put(matcher.group(3),
						new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) });
			}
		}
		return classes;
	}

}
