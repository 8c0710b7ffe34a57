package io.github.profiling.viewer.model;

import tools.jackson.databind.JsonNode;

/**
 * One kept request's own call tree, as {@code GET /actuator/profiling/tree?request=ID}
 * returns it: the usual tree, whose window is the request's, and the request itself.
 */
public record RequestTree(SlowRequest request, TreeDocument tree) {

	public static RequestTree parse(String json) {
		JsonNode top = TreeDocumentJson.readObject(json, "a request's tree");
		JsonNode request = top.get("request");
		if (request == null || !request.isObject()) {
			throw new TreeFormatException("the tree has no \"request\"");
		}
		return new RequestTree(SlowRequest.fromJson(request), TreeDocumentJson.fromJson(top));
	}

}
