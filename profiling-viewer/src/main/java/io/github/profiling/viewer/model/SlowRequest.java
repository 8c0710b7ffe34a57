package io.github.profiling.viewer.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One of the slow requests a server keeps, as {@code GET /actuator/profiling/requests}
 * lists it and {@code tree?request=ID} describes it.
 *
 * @param id the server's id for {@code tree?request=ID}
 * @param start when it began, or null when the server did not say
 * @param samples the samples in its own tree
 * @param weight their weight in the tree's unit
 * @param complete false when some of its samples may have been lost before it ended
 * @param traceId its trace, or null without Micrometer Tracing
 * @param spanId its span, or null without Micrometer Tracing
 */
public record SlowRequest(String id, List<Tag> tags, Instant start, double durationMillis, long samples, long weight,
		boolean complete, String traceId, String spanId) {

	public SlowRequest {
		tags = List.copyOf(tags);
	}

	static SlowRequest fromJson(JsonNode json) {
		JsonNode id = json.get("id");
		if (id == null || !(id.isString() || id.isNumber())) {
			throw new TreeFormatException("a request has no \"id\"");
		}
		List<Tag> tags = new ArrayList<>();
		for (Map.Entry<String, JsonNode> tag : json.path("tags").properties()) {
			tags.add(new Tag(tag.getKey(), tag.getValue().asString()));
		}
		return new SlowRequest(id.asString(), tags, TreeDocumentJson.instant(json.get("start")),
				json.path("durationMillis").asDouble(0), json.path("samples").asLong(0), json.path("weight").asLong(0),
				json.path("complete").asBoolean(true), optionalText(json.get("traceId")),
				optionalText(json.get("spanId")));
	}

	/**
	 * The tags as the viewer shows them, e.g. {@code http.method:GET http.route:/{n}}.
	 */
	public String label() {
		return tags.isEmpty() ? "(untagged)" : String.join(" ", tags.stream().map(Tag::toString).toList());
	}

	private static String optionalText(JsonNode json) {
		return json == null || !json.isString() || json.stringValue().isEmpty() ? null : json.stringValue();
	}

}
