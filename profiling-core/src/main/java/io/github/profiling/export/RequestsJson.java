package io.github.profiling.export;

import io.github.profiling.store.RequestProfiles;

import java.time.Instant;
import java.util.List;

/**
 * The {@code requests} view as JSON text: the kept slowest requests, slowest first,
 * {@code {"sampler","event","unit","from","to","slowest","minDurationMillis",
 * "requests":[{"id","tags","start","durationMillis","samples","weight","complete",
 * "traceId"?,"spanId"?}]}}; and one request's descriptor, as the tree of a request
 * carries it.
 */
public final class RequestsJson {

	private RequestsJson() {
	}

	public static String write(TreeJson.Header header, Instant from, Instant to, RequestProfiles.Settings settings,
			List<RequestProfiles.Request> requests) {
		StringBuilder out = new StringBuilder(256 + requests.size() * 256);
		TreeJson.writeRecording(out, header);
		out.append(",\"from\":");
		Json.string(out, from.toString());
		out.append(",\"to\":");
		Json.string(out, to.toString());
		out.append(",\"slowest\":").append(settings.slowest());
		out.append(",\"minDurationMillis\":").append(settings.minDuration().toMillis());
		out.append(",\"requests\":[");
		for (int i = 0; i < requests.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			request(out, requests.get(i));
		}
		return out.append("]}").toString();
	}

	/** One request: {@code {"id","tags","start","durationMillis",...}}. */
	static void request(StringBuilder out, RequestProfiles.Request request) {
		out.append("{\"id\":");
		Json.string(out, request.id());
		out.append(",\"tags\":");
		Json.tags(out, request.tags());
		out.append(",\"start\":");
		Json.string(out, request.start().toString());
		out.append(",\"durationMillis\":").append(Math.round(request.durationMillis() * 1000) / 1000.0);
		out.append(",\"samples\":").append(request.samples());
		out.append(",\"weight\":").append(request.weight());
		out.append(",\"complete\":").append(request.complete());
		if (request.traceId() != null) {
			out.append(",\"traceId\":");
			Json.string(out, request.traceId());
		}
		if (request.spanId() != null) {
			out.append(",\"spanId\":");
			Json.string(out, request.spanId());
		}
		out.append('}');
	}

}
