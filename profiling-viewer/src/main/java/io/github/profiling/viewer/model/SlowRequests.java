package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The answer of {@code GET /actuator/profiling/requests}: the kept slow requests of a
 * window and how the server chooses them.
 *
 * @param requests slowest first
 * @param slowest how many the server keeps per route and minute, or 0 when it did not say
 * @param minDurationMillis how long a request must take to be kept
 */
public record SlowRequests(List<SlowRequest> requests, int slowest, double minDurationMillis) {

	public SlowRequests {
		requests = List.copyOf(requests);
	}

	public static SlowRequests parse(String json) {
		JsonNode top = TreeDocumentJson.readObject(json, "the request list");
		JsonNode list = top.get("requests");
		if (list == null || !list.isArray()) {
			throw new TreeFormatException("the request list has no \"requests\" array");
		}
		List<SlowRequest> requests = new ArrayList<>();
		for (JsonNode entry : list.values()) {
			requests.add(SlowRequest.fromJson(entry));
		}
		// the server lists them slowest first; a stable sort keeps its order among equals
		requests.sort(Comparator.comparingDouble(SlowRequest::durationMillis).reversed());
		return new SlowRequests(requests, top.path("slowest").asInt(0), top.path("minDurationMillis").asDouble(0));
	}

}
