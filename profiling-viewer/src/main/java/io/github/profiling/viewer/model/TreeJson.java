package io.github.profiling.viewer.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes trees in the JSON format of {@code GET /actuator/profiling/tree}. */
public final class TreeJson {

    // Each frame is two levels of JSON nesting (node object, children array); Java stacks a few
    // hundred frames deep are common, so Jackson's default limit of 500 levels is too low.
    private static final int MAX_NESTING = 20_000;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .build();

    private TreeJson() {
    }

    public static CallTree parse(String json) {
        JsonNode top;
        try {
            top = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new TreeFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (top == null || !top.isObject()) {
            throw new TreeFormatException("a tree is a JSON object");
        }
        JsonNode rootJson = top.get("root");
        if (rootJson == null || !rootJson.isObject()) {
            throw new TreeFormatException("the tree has no \"root\" node");
        }
        String unit = top.path("unit").asString("samples");
        boolean tracing = rootJson.has("calls") || "nanoseconds".equals(unit);
        CallNode root = parseNode(rootJson);
        long samples = top.has("samples") ? top.get("samples").asLong() : root.deep();
        return new CallTree(top.path("sampler").asString(""), top.path("event").asString(""), unit,
                instant(top.get("from")), instant(top.get("to")), samples, root, tracing);
    }

    public static String write(CallTree tree) {
        ObjectNode top = MAPPER.createObjectNode();
        top.put("sampler", tree.sampler());
        top.put("event", tree.event());
        top.put("unit", tree.unit());
        if (tree.from() != null) {
            top.put("from", tree.from().toString());
        }
        if (tree.to() != null) {
            top.put("to", tree.to().toString());
        }
        top.put("samples", tree.samples());
        top.set("root", writeNode(tree.root(), tree.tracing()));
        return MAPPER.writeValueAsString(top);
    }

    private static CallNode parseNode(JsonNode json) {
        JsonNode name = json.get("name");
        if (name == null || !name.isString()) {
            throw new TreeFormatException("a node has no \"name\": " + abbreviate(json.toString()));
        }
        List<CallNode> children = new ArrayList<>();
        JsonNode childrenJson = json.get("children");
        if (childrenJson != null && childrenJson.isArray()) {
            for (JsonNode child : childrenJson.values()) {
                children.add(parseNode(child));
            }
        }
        return new CallNode(name.stringValue(), json.path("own").asLong(0), json.path("deep").asLong(0),
                json.path("calls").asLong(0), json.path("ownNanos").asLong(0), json.path("deepNanos").asLong(0),
                children);
    }

    private static ObjectNode writeNode(CallNode node, boolean tracing) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("name", node.name());
        json.put("own", node.own());
        json.put("deep", node.deep());
        if (tracing) {
            json.put("calls", node.calls());
            json.put("ownNanos", node.ownNanos());
            json.put("deepNanos", node.deepNanos());
        }
        ArrayNode children = json.putArray("children");
        for (CallNode child : node.children()) {
            children.add(writeNode(child, tracing));
        }
        return json;
    }

    private static Instant instant(JsonNode json) {
        if (json == null || !json.isString()) {
            return null;
        }
        try {
            return Instant.parse(json.stringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
