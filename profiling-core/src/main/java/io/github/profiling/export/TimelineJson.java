package io.github.profiling.export;

import io.github.profiling.store.Timeline;

/**
 * Writes a timeline as JSON:
 * {@code {"sampler","event","unit","from","to","stepSeconds","points","samples","series":[{"tags":{…},"samples","values":[…]}],"others"?}}.
 * {@code values[i]} is the weight of the step that begins {@code i * stepSeconds} after
 * {@code from}; {@code others}, when present, is {@code {"tagSets","samples","values"}},
 * the sum of the tag sets left out.
 */
public final class TimelineJson {

	private TimelineJson() {
	}

	public static String write(TreeJson.Header header, Timeline timeline) {
		StringBuilder out = new StringBuilder(256 + (timeline.series().size() + 1) * (64 + timeline.points() * 4));
		TreeJson.writeRecording(out, header);
		out.append(",\"from\":");
		Json.string(out, timeline.from().toString());
		out.append(",\"to\":");
		Json.string(out, timeline.to().toString());
		long step = timeline.stepNanos();
		out.append(",\"stepSeconds\":");
		if (step % 1_000_000_000L == 0) {
			out.append(step / 1_000_000_000L);
		}
		else {
			out.append(step / 1e9);
		}
		out.append(",\"points\":").append(timeline.points());
		out.append(",\"samples\":").append(timeline.samples());
		if (header.hint() != null) {
			out.append(",\"hint\":");
			Json.string(out, header.hint());
		}
		out.append(",\"series\":[");
		for (int i = 0; i < timeline.series().size(); i++) {
			Timeline.Series series = timeline.series().get(i);
			out.append((i > 0) ? ",{\"tags\":" : "{\"tags\":");
			Json.tags(out, series.tags());
			values(out, series).append('}');
		}
		out.append(']');
		if (timeline.others() != null) {
			out.append(",\"others\":{\"tagSets\":").append(timeline.otherTagSets());
			values(out, timeline.others()).append('}');
		}
		return out.append('}').toString();
	}

	private static StringBuilder values(StringBuilder out, Timeline.Series series) {
		out.append(",\"samples\":").append(series.samples()).append(",\"values\":[");
		long[] points = series.points();
		for (int i = 0; i < points.length; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(points[i]);
		}
		return out.append(']');
	}

}
