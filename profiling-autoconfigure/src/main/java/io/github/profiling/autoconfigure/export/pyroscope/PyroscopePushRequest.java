package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.export.ProtoWriter;

import java.util.Map;

/**
 * The body of Pyroscope's {@code push.v1.PusherService/Push}, in protobuf: one series
 * with its labels and one raw (gzipped pprof) profile. Field numbers from
 * grafana/pyroscope's api/push/v1/push.proto ({@code PushRequest.series = 1};
 * {@code RawProfileSeries.labels = 1}, {@code samples = 2};
 * {@code RawSample.raw_profile = 1}, {@code ID = 2}) and api/types/v1/types.proto
 * ({@code LabelPair.name = 1}, {@code value = 2}).
 */
final class PyroscopePushRequest {

	private static final int PUSH_REQUEST_SERIES = 1;

	private static final int SERIES_LABELS = 1;

	private static final int SERIES_SAMPLES = 2;

	private static final int SAMPLE_RAW_PROFILE = 1;

	private static final int SAMPLE_ID = 2;

	private static final int LABEL_NAME = 1;

	private static final int LABEL_VALUE = 2;

	private PyroscopePushRequest() {
	}

	static byte[] encode(Map<String, String> seriesLabels, byte[] rawProfile, String id) {
		ProtoWriter series = new ProtoWriter();
		seriesLabels.forEach((name, value) -> series.message(SERIES_LABELS,
				new ProtoWriter().string(LABEL_NAME, name).string(LABEL_VALUE, value)));
		series.message(SERIES_SAMPLES, new ProtoWriter().bytes(SAMPLE_RAW_PROFILE, rawProfile).string(SAMPLE_ID, id));
		return new ProtoWriter().message(PUSH_REQUEST_SERIES, series).toByteArray();
	}

}
