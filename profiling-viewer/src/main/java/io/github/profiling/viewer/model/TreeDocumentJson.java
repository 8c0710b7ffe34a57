package io.github.profiling.viewer.model;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes trees in the JSON format of {@code GET /actuator/profiling/tree}. */
public final class TreeDocumentJson {

	// Each frame is two levels of JSON nesting (node object, children array); Java stacks
	// a few
	// hundred frames deep are common, so Jackson's default limit of 500 levels is too
	// low.
	private static final int MAX_NESTING = 20_000;

	static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
			.build())
		.build();

	private TreeDocumentJson() {
	}

	public static TreeDocument parse(String json) {
		return fromJson(readObject(json, "a tree"));
	}

	/** Reads a JSON document that must be an object; {@code what} names it in errors. */
	static JsonNode readObject(String json, String what) {
		JsonNode top;
		try {
			top = MAPPER.readTree(json);
		}
		catch (JacksonException e) {
			throw new TreeFormatException("not valid JSON: " + e.getOriginalMessage(), e);
		}
		if (top == null || !top.isObject()) {
			throw new TreeFormatException(what + " is a JSON object");
		}
		return top;
	}

	/** The tree of a document already read, e.g. one that carries more than the tree. */
	static TreeDocument fromJson(JsonNode top) {
		JsonNode rootJson = top.get("root");
		if (rootJson == null || !rootJson.isObject()) {
			throw new TreeFormatException("the tree has no \"root\" node");
		}
		String unit = top.path("unit").asString("samples");
		boolean tracing = rootJson.has("calls") || "nanoseconds".equals(unit);
		CallNode root = parseNodes(rootJson);
		long samples = top.has("samples") ? top.get("samples").asLong() : root.deep();
		return new TreeDocument(top.path("sampler").asString(""), top.path("event").asString(""), unit,
				instant(top.get("from")), instant(top.get("to")), samples, root, tracing);
	}

	public static String write(TreeDocument tree) {
		StringWriter out = new StringWriter();
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			json.writeStartObject();
			// The reader keeps "no sampler" as ""; the document says null, as the server
			// does.
			if (tree.sampler().isEmpty()) {
				json.writeNullProperty("sampler");
			}
			else {
				json.writeStringProperty("sampler", tree.sampler());
			}
			json.writeStringProperty("event", tree.event());
			json.writeStringProperty("unit", tree.unit());
			if (tree.from() != null) {
				json.writeStringProperty("from", tree.from().toString());
			}
			if (tree.to() != null) {
				json.writeStringProperty("to", tree.to().toString());
			}
			json.writeNumberProperty("samples", tree.samples());
			json.writeName("root");
			writeNodes(json, tree.root(), tree.tracing());
			json.writeEndObject();
		}
		return out.toString();
	}

	/**
	 * Builds the node and everything below it, children before their parent, with a stack
	 * of its own rather than by recursion, so that no stack, however deep, overflows the
	 * thread's.
	 */
	private static CallNode parseNodes(JsonNode rootJson) {
		Deque<PendingNode> pending = new ArrayDeque<>();
		pending.push(new PendingNode(rootJson));
		while (true) {
			PendingNode top = pending.peek();
			if (top.unread.hasNext()) {
				pending.push(new PendingNode(top.unread.next()));
				continue;
			}
			pending.pop();
			CallNode node = top.toNode();
			if (pending.isEmpty()) {
				return node;
			}
			pending.peek().children.add(node);
		}
	}

	/** A node whose children are still being read. */
	private static final class PendingNode {

		final JsonNode json;

		final Iterator<JsonNode> unread;

		final List<CallNode> children = new ArrayList<>();

		PendingNode(JsonNode json) {
			JsonNode name = json.get("name");
			if (name == null || !name.isString()) {
				throw new TreeFormatException("a node has no \"name\": " + abbreviate(json.toString()));
			}
			this.json = json;
			JsonNode childrenJson = json.get("children");
			this.unread = childrenJson != null && childrenJson.isArray() ? childrenJson.values().iterator()
					: Collections.emptyIterator();
		}

		CallNode toNode() {
			// A node of a diff carries both sides' shares.
			double delta = json.has("baseDeepPercent")
					? json.path("deepPercent").asDouble(0) - json.path("baseDeepPercent").asDouble(0) : Double.NaN;
			return new CallNode(json.get("name").stringValue(), json.path("own").asLong(0), json.path("deep").asLong(0),
					json.path("calls").asLong(0), json.path("ownNanos").asLong(0), json.path("deepNanos").asLong(0),
					children, delta);
		}

	}

	/**
	 * Writes a node and everything below it. Depth first with a stack of its own rather
	 * than by recursion, so that no stack, however deep, overflows the thread's.
	 */
	private static void writeNodes(JsonGenerator json, CallNode root, boolean tracing) {
		Deque<Iterator<CallNode>> unwritten = new ArrayDeque<>();
		openNode(json, root, tracing);
		unwritten.push(root.children().iterator());
		while (!unwritten.isEmpty()) {
			Iterator<CallNode> siblings = unwritten.peek();
			if (siblings.hasNext()) {
				CallNode next = siblings.next();
				openNode(json, next, tracing);
				unwritten.push(next.children().iterator());
			}
			else {
				json.writeEndArray();
				json.writeEndObject();
				unwritten.pop();
			}
		}
	}

	/** Writes a node's fields and opens its {@code children} array. */
	private static void openNode(JsonGenerator json, CallNode node, boolean tracing) {
		json.writeStartObject();
		json.writeStringProperty("name", node.name());
		json.writeNumberProperty("own", node.own());
		json.writeNumberProperty("deep", node.deep());
		if (tracing) {
			json.writeNumberProperty("calls", node.calls());
			json.writeNumberProperty("ownNanos", node.ownNanos());
			json.writeNumberProperty("deepNanos", node.deepNanos());
		}
		json.writeName("children");
		json.writeStartArray();
	}

	static Instant instant(JsonNode json) {
		if (json == null || !json.isString()) {
			return null;
		}
		try {
			return Instant.parse(json.stringValue());
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private static String abbreviate(String text) {
		return text.length() <= 80 ? text : text.substring(0, 77) + "...";
	}

}
