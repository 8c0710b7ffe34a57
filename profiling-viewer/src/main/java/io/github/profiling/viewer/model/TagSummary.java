package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One line of {@code GET /actuator/profiling/tags}: a set of tags and how much of the
 * work it did.
 */
public record TagSummary(List<Tag> tags, long samples, double percent) {

	public TagSummary {
		tags = List.copyOf(tags);
	}

	/** Parses the endpoint's JSON array, keeping its order (most samples first). */
	public static List<TagSummary> parseList(String json) {
		JsonNode top;
		try {
			top = TreeDocumentJson.MAPPER.readTree(json);
		}
		catch (JacksonException e) {
			throw new TreeFormatException("not valid JSON: " + e.getOriginalMessage(), e);
		}
		if (top == null || !top.isArray()) {
			throw new TreeFormatException("the tag summary is a JSON array");
		}
		List<TagSummary> summaries = new ArrayList<>();
		for (JsonNode entry : top.values()) {
			List<Tag> tags = new ArrayList<>();
			for (Map.Entry<String, JsonNode> tag : entry.path("tags").properties()) {
				tags.add(new Tag(tag.getKey(), tag.getValue().asString()));
			}
			summaries.add(new TagSummary(tags, entry.path("samples").asLong(0), entry.path("percent").asDouble(0)));
		}
		return summaries;
	}

	/**
	 * The tags as the viewer lists them, e.g. {@code http.method:GET http.route:/{n}}.
	 */
	public String label() {
		return tags.isEmpty() ? "(untagged)" : String.join(" ", tags.stream().map(Tag::toString).toList());
	}
}
