package io.github.profiling.autoconfigure.export.pyroscope;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A push request as the server reads it, decoded with protobuf-java's generic wire-format
 * reader by the field numbers of the published schemas: grafana/pyroscope's
 * api/push/v1/push.proto and api/types/v1/types.proto for the request, google/pprof's
 * proto/profile.proto for the profile.
 */
public record DecodedPush(Map<String, String> seriesLabels, String id, boolean gzipped, Profile profile,
		int bodyBytes) {

	static DecodedPush decode(byte[] body) {
		UnknownFieldSet request = parse(body);
		List<ByteString> series = request.getField(1).getLengthDelimitedList();
		if (series.size() != 1) {
			throw new AssertionError("one series per push, got " + series.size());
		}
		UnknownFieldSet onlySeries = parse(series.get(0));
		Map<String, String> labels = new LinkedHashMap<>();
		for (ByteString label : onlySeries.getField(1).getLengthDelimitedList()) {
			UnknownFieldSet pair = parse(label);
			String name = string(pair, 1);
			if (labels.put(name, string(pair, 2)) != null) {
				throw new AssertionError("series label " + name + " twice");
			}
		}
		List<ByteString> samples = onlySeries.getField(2).getLengthDelimitedList();
		if (samples.size() != 1) {
			throw new AssertionError("one raw profile per push, got " + samples.size());
		}
		UnknownFieldSet sample = parse(samples.get(0));
		byte[] raw = sample.getField(1).getLengthDelimitedList().get(0).toByteArray();
		boolean gzipped = raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
		return new DecodedPush(labels, string(sample, 2), gzipped, Profile.decode(gunzip(raw)), body.length);
	}

	private static byte[] gunzip(byte[] raw) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the raw profile is not gzip", ex);
		}
	}

	static UnknownFieldSet parse(byte[] bytes) {
		try {
			return UnknownFieldSet.parseFrom(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static UnknownFieldSet parse(ByteString bytes) {
		return parse(bytes.toByteArray());
	}

	private static String string(UnknownFieldSet message, int field) {
		List<ByteString> values = message.getField(field).getLengthDelimitedList();
		return values.isEmpty() ? "" : values.get(0).toStringUtf8();
	}

	/**
	 * A pprof profile: sample types, period, time, and samples with resolved frames and
	 * labels.
	 */
	public record Profile(List<String> sampleTypes, String periodType, long period, Instant start, long durationNanos,
			List<Sample> samples) {

		public static Profile decode(byte[] bytes) {
			UnknownFieldSet profile = parse(bytes);
			List<String> strings = new ArrayList<>();
			for (ByteString string : profile.getField(6).getLengthDelimitedList()) {
				strings.add(string.toStringUtf8());
			}
			if (strings.isEmpty() || !strings.get(0).isEmpty()) {
				throw new AssertionError("string_table[0] must be the empty string");
			}
			Map<Long, String> functions = new LinkedHashMap<>();
			for (ByteString function : profile.getField(5).getLengthDelimitedList()) {
				UnknownFieldSet fields = parse(function);
				functions.put(varint(fields, 1), strings.get((int) varint(fields, 2)));
			}
			Map<Long, String> locations = new LinkedHashMap<>();
			for (ByteString location : profile.getField(4).getLengthDelimitedList()) {
				UnknownFieldSet fields = parse(location);
				UnknownFieldSet line = parse(fields.getField(4).getLengthDelimitedList().get(0));
				String name = functions.get(varint(line, 1));
				if (name == null) {
					throw new AssertionError("location " + varint(fields, 1) + " names no function");
				}
				locations.put(varint(fields, 1), name);
			}
			List<String> sampleTypes = new ArrayList<>();
			for (ByteString type : profile.getField(1).getLengthDelimitedList()) {
				UnknownFieldSet fields = parse(type);
				sampleTypes.add(strings.get((int) varint(fields, 1)) + "/" + strings.get((int) varint(fields, 2)));
			}
			List<Sample> samples = new ArrayList<>();
			for (ByteString sample : profile.getField(2).getLengthDelimitedList()) {
				UnknownFieldSet fields = parse(sample);
				List<String> frames = new ArrayList<>();
				for (long location : repeated(fields.getField(1))) {
					String frame = locations.get(location);
					if (frame == null) {
						throw new AssertionError("sample refers to missing location " + location);
					}
					frames.add(frame);
				}
				Map<String, String> labels = new LinkedHashMap<>();
				for (ByteString label : fields.getField(3).getLengthDelimitedList()) {
					UnknownFieldSet pair = parse(label);
					labels.put(strings.get((int) varint(pair, 1)), strings.get((int) varint(pair, 2)));
				}
				samples.add(new Sample(frames, repeated(fields.getField(2)), labels));
			}
			String periodType = "";
			if (!profile.getField(11).getLengthDelimitedList().isEmpty()) {
				UnknownFieldSet fields = parse(profile.getField(11).getLengthDelimitedList().get(0));
				periodType = strings.get((int) varint(fields, 1)) + "/" + strings.get((int) varint(fields, 2));
			}
			long timeNanos = varint(profile, 9);
			return new Profile(sampleTypes, periodType, varint(profile, 12), Instant.ofEpochSecond(0, timeNanos),
					varint(profile, 10), samples);
		}

		Instant end() {
			return this.start.plusNanos(this.durationNanos);
		}

		/**
		 * Sum of the {@code index}-th value of the samples whose labels include
		 * {@code label=value}, or all.
		 */
		long total(int index, String label, String value) {
			long total = 0;
			for (Sample sample : this.samples) {
				if (label == null || value.equals(sample.labels().get(label))) {
					total += sample.values().get(index);
				}
			}
			return total;
		}

		private static long varint(UnknownFieldSet message, int field) {
			List<Long> values = message.getField(field).getVarintList();
			return values.isEmpty() ? 0 : values.get(values.size() - 1);
		}

		/** A repeated integer field, packed or not. */
		private static List<Long> repeated(UnknownFieldSet.Field field) {
			List<Long> values = new ArrayList<>(field.getVarintList());
			for (ByteString packed : field.getLengthDelimitedList()) {
				try {
					CodedInputStream in = packed.newCodedInput();
					while (!in.isAtEnd()) {
						values.add(in.readInt64());
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return values;
		}

	}

	/** One pprof sample: frames leaf first, values, labels. */
	public record Sample(List<String> frames, List<Long> values, Map<String, String> labels) {
	}

}
