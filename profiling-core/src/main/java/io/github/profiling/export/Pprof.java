package io.github.profiling.export;

import io.github.profiling.context.TagSet;
import io.github.profiling.model.FrameTable;
import io.github.profiling.store.Recording;
import io.github.profiling.store.TaggedTrees;
import io.github.profiling.tree.CallTree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a window's trees as a gzipped pprof {@code Profile} (github.com/google/pprof,
 * profile.proto), readable by {@code go tool pprof}, Pyroscope, Grafana and speedscope.
 * Each node with OWN weight becomes one sample whose locations are its path, leaf first;
 * each tag of its tag set becomes a string label. Functions and locations are
 * deduplicated by frame.
 */
public final class Pprof {

	// Field numbers of profile.proto.
	private static final int PROFILE_SAMPLE_TYPE = 1;

	private static final int PROFILE_SAMPLE = 2;

	private static final int PROFILE_LOCATION = 4;

	private static final int PROFILE_FUNCTION = 5;

	private static final int PROFILE_STRING_TABLE = 6;

	private static final int PROFILE_TIME_NANOS = 9;

	private static final int PROFILE_DURATION_NANOS = 10;

	private static final int PROFILE_PERIOD_TYPE = 11;

	private static final int PROFILE_PERIOD = 12;

	private static final int VALUE_TYPE_TYPE = 1;

	private static final int VALUE_TYPE_UNIT = 2;

	private static final int SAMPLE_LOCATION_ID = 1;

	private static final int SAMPLE_VALUE = 2;

	private static final int SAMPLE_LABEL = 3;

	private static final int LABEL_KEY = 1;

	private static final int LABEL_STR = 2;

	private static final int LOCATION_ID = 1;

	private static final int LOCATION_LINE = 4;

	private static final int LINE_FUNCTION_ID = 1;

	private static final int FUNCTION_ID = 1;

	private static final int FUNCTION_NAME = 2;

	private static final int FUNCTION_SYSTEM_NAME = 3;

	private Pprof() {
	}

	/**
	 * What the weights mean. Sampled trees: the first value counts samples, the second is
	 * time of {@code event} ({@code cpu}, {@code wall}, {@code lock}) in {@code unit}
	 * nanoseconds, one sample standing for {@code periodNanos}. Traced trees: the first
	 * value counts calls, the second is wall time, weights being nanoseconds already.
	 * Allocation trees, whose weights are bytes: one value, {@code alloc_space} in bytes
	 * ({@code countType} is {@code null}).
	 */
	public record Units(String countType, String countUnit, String event, String unit, long periodNanos,
			boolean countsCalls) {

		public static Units ofSampling(String event, long periodNanos) {
			if ("alloc".equals(event)) {
				return ofAllocation();
			}
			return new Units("samples", "count", event, "nanoseconds", periodNanos, false);
		}

		/**
		 * The units of data of {@code recording}, whatever the settings are now;
		 * {@code null} (nothing ever recorded, so no sample) gives CPU samples.
		 */
		public static Units of(Recording recording) {
			if (recording == null) {
				return ofSampling("cpu", 1);
			}
			return recording.traced() ? ofTracing()
					: ofSampling(recording.event(), Math.max(1, recording.interval().toNanos()));
		}

		public static Units ofTracing() {
			return new Units("calls", "count", "wall", "nanoseconds", 1, true);
		}

		/** Weights that are bytes allocated, as pprof's heap profiles name them. */
		public static Units ofAllocation() {
			return new Units(null, null, "alloc_space", "bytes", 1, false);
		}

		boolean countsSamples() {
			return this.countType != null;
		}

	}

	public static byte[] writeGzipped(TaggedTrees trees, Units units) {
		return writeGzipped(trees, units, UnaryOperator.identity());
	}

	/**
	 * Like {@link #writeGzipped(TaggedTrees, Units)}, with each tag key turned into a
	 * label name by {@code labelName}, for servers whose label names are restricted.
	 */
	public static byte[] writeGzipped(TaggedTrees trees, Units units, UnaryOperator<String> labelName) {
		byte[] profile = write(trees, units, labelName);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(profile.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static byte[] write(TaggedTrees trees, Units units) {
		return write(trees, units, UnaryOperator.identity());
	}

	static byte[] write(TaggedTrees trees, Units units, UnaryOperator<String> labelName) {
		Strings strings = new Strings();
		ProtoWriter profile = new ProtoWriter();
		if (units.countsSamples()) {
			profile.message(PROFILE_SAMPLE_TYPE, valueType(strings, units.countType(), units.countUnit()));
		}
		profile.message(PROFILE_SAMPLE_TYPE, valueType(strings, units.event(), units.unit()));
		// Location and function ids are frame id + 1 (0 is not a valid id in pprof).
		boolean[] usedFrames = new boolean[trees.frames().size()];
		for (Map.Entry<TagSet, CallTree> entry : trees.trees().entrySet()) {
			writeSamples(profile, entry.getValue(), labels(strings, entry.getKey(), labelName), units, usedFrames);
		}
		FrameTable frames = trees.frames();
		for (int frame = 0; frame < usedFrames.length; frame++) {
			if (usedFrames[frame]) {
				long id = frame + 1L;
				profile.message(PROFILE_LOCATION, new ProtoWriter().int64(LOCATION_ID, id)
					.message(LOCATION_LINE, new ProtoWriter().int64(LINE_FUNCTION_ID, id)));
				long name = strings.id(frames.name(frame));
				profile.message(PROFILE_FUNCTION,
						new ProtoWriter().int64(FUNCTION_ID, id)
							.int64(FUNCTION_NAME, name)
							.int64(FUNCTION_SYSTEM_NAME, name));
			}
		}
		Instant from = trees.from();
		profile.int64(PROFILE_TIME_NANOS, from.getEpochSecond() * 1_000_000_000L + from.getNano());
		profile.int64(PROFILE_DURATION_NANOS, Math.max(0, java.time.Duration.between(from, trees.to()).toNanos()));
		profile.message(PROFILE_PERIOD_TYPE, units.countsSamples() ? valueType(strings, units.event(), units.unit())
				: valueType(strings, "space", units.unit()));
		profile.int64(PROFILE_PERIOD, units.periodNanos());
		// The string table goes last: only now is it complete. Field order does not
		// matter.
		for (String string : strings.table()) {
			profile.string(PROFILE_STRING_TABLE, string);
		}
		return profile.toByteArray();
	}

	private static void writeSamples(ProtoWriter profile, CallTree tree, ProtoWriter[] labels, Units units,
			boolean[] usedFrames) {
		// Depth-first; path[d] is the frame id at depth d + 1 of the node being visited.
		int[] nodes = new int[64];
		int[] depths = new int[64];
		long[] path = new long[64];
		long[] locations = new long[64];
		int top = 0;
		nodes[top] = CallTree.ROOT;
		depths[top] = 0;
		top++;
		while (top > 0) {
			top--;
			int node = nodes[top];
			int depth = depths[top];
			if (node != CallTree.ROOT) {
				if (depth > path.length) {
					path = Arrays.copyOf(path, depth * 2);
					locations = Arrays.copyOf(locations, depth * 2);
				}
				int frame = tree.frame(node);
				path[depth - 1] = frame + 1L;
				usedFrames[frame] = true;
			}
			long own = tree.own(node);
			if (own > 0) {
				for (int i = 0; i < depth; i++) {
					locations[i] = path[depth - 1 - i];
				}
				long count = units.countsCalls() ? tree.calls(node) : own;
				ProtoWriter sample = new ProtoWriter().packed(SAMPLE_LOCATION_ID, locations, depth);
				if (units.countsSamples()) {
					sample.packed(SAMPLE_VALUE, new long[] { count, own * units.periodNanos() }, 2);
				}
				else {
					sample.packed(SAMPLE_VALUE, new long[] { own }, 1);
				}
				for (ProtoWriter label : labels) {
					sample.message(SAMPLE_LABEL, label);
				}
				profile.message(PROFILE_SAMPLE, sample);
			}
			for (int child = tree.firstChild(node); child != CallTree.NONE; child = tree.nextSibling(child)) {
				if (top == nodes.length) {
					nodes = Arrays.copyOf(nodes, top * 2);
					depths = Arrays.copyOf(depths, top * 2);
				}
				nodes[top] = child;
				depths[top] = depth + 1;
				top++;
			}
		}
	}

	private static ProtoWriter[] labels(Strings strings, TagSet tags, UnaryOperator<String> labelName) {
		ProtoWriter[] labels = new ProtoWriter[tags.size()];
		for (int i = 0; i < tags.size(); i++) {
			labels[i] = new ProtoWriter().int64(LABEL_KEY, strings.id(labelName.apply(tags.key(i))))
				.int64(LABEL_STR, strings.id(tags.value(i)));
		}
		return labels;
	}

	private static ProtoWriter valueType(Strings strings, String type, String unit) {
		return new ProtoWriter().int64(VALUE_TYPE_TYPE, strings.id(type)).int64(VALUE_TYPE_UNIT, strings.id(unit));
	}

	/** pprof's string table: index 0 is the empty string. */
	private static final class Strings {

		private final Map<String, Integer> ids = new HashMap<>();

		private final java.util.List<String> table = new java.util.ArrayList<>();

		Strings() {
			id("");
		}

		long id(String string) {
			return this.ids.computeIfAbsent(string, (s) -> {
				this.table.add(s);
				return this.table.size() - 1;
			});
		}

		java.util.List<String> table() {
			return this.table;
		}

	}

}
