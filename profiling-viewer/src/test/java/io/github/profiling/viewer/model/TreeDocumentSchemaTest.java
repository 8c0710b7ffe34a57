package io.github.profiling.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.github.profiling.viewer.testing.FakeProfilingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The viewer reads the tree document the server writes, as {@code tree.schema.json}
 * (shipped in profiling-core) describes it: every document the core's tests keep as what
 * its writer writes is valid and reads back field for field, and the reader asks for no
 * field the schema does not define.
 */
class TreeDocumentSchemaTest {

	/** Kept by profiling-core's tests as exactly what its TreeDocumentJson writes. */
	private static final Path DOCUMENTS = Path
		.of("../profiling-core/src/test/resources/io/github/profiling/export/tree-documents");

	private static final String SCHEMA = "/io/github/profiling/export/tree.schema.json";

	private static final String DIFF_SCHEMA = "/io/github/profiling/export/diff.schema.json";

	private static final Path READER = Path.of("src/main/java/io/github/profiling/viewer/model/TreeDocumentJson.java");

	static Stream<Path> documents() throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> listed = Files.list(DOCUMENTS)) {
			listed.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
		}
		assertThat(files).extracting(f -> f.getFileName().toString())
			.contains("sampled.json", "traced.json", "empty.json", "hint.json", "truncated.json");
		return files.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void readsEveryDocumentTheServerWritesFieldForField(Path file) throws IOException {
		String json = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(schema().validate(json, InputFormat.JSON)).extracting(Error::toString).isEmpty();
		JsonNode expected = TreeDocumentJson.MAPPER.readTree(json);

		TreeDocument tree = TreeDocumentJson.parse(json);

		assertThat(tree.sampler())
			.isEqualTo(expected.get("sampler").isNull() ? "" : expected.get("sampler").asString());
		assertThat(tree.event()).isEqualTo(expected.get("event").asString());
		assertThat(tree.unit()).isEqualTo(expected.get("unit").asString());
		assertThat(tree.from()).isEqualTo(Instant.parse(expected.get("from").asString()));
		assertThat(tree.to()).isEqualTo(Instant.parse(expected.get("to").asString()));
		assertThat(tree.samples()).isEqualTo(expected.get("samples").asLong());
		boolean traced = expected.get("root").has("calls");
		assertThat(tree.tracing()).isEqualTo(traced);
		assertSameNodes(tree.root(), expected.get("root"), traced);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documents")
	void writesWhatItReadAsADocumentOfTheSchema(Path file) throws IOException {
		// The viewer saves trees to files and serves them in its fake server: the same
		// contract.
		String written = TreeDocumentJson.write(TreeDocumentJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
		assertThat(schema().validate(written, InputFormat.JSON)).extracting(Error::toString).isEmpty();
	}

	@Test
	void readsNoFieldTheSchemaDoesNotDefine() throws IOException {
		Set<String> read = fieldsRead(READER);
		JsonNode schema = schemaJson();
		Set<String> defined = new TreeSet<>();
		schema.get("properties").propertyNames().forEach(defined::add);
		schema.get("$defs").get("tracedNode").get("properties").propertyNames().forEach(defined::add);
		schema.get("$defs").get("sampledNode").get("properties").propertyNames().forEach(defined::add);
		// A comparison's nodes carry the shares of both sides (diff.schema.json).
		JsonNode diff = schemaJson(DIFF_SCHEMA);
		diff.get("properties").propertyNames().forEach(defined::add);
		diff.get("$defs").get("node").get("properties").propertyNames().forEach(defined::add);

		assertThat(read).contains("root", "name", "own", "deep", "children");
		assertThat(defined).containsAll(read);
	}

	@Test
	void aKeptRequestsTreeAsTheFakeServerAnswersItIsADocumentOfTheSchema() {
		assertThat(schema().validate(FakeProfilingServer.REQUEST_1842_TREE_JSON, InputFormat.JSON))
			.extracting(Error::toString)
			.isEmpty();
	}

	@Test
	void readsNoFieldOfAKeptRequestTheSchemaDoesNotDefine() throws IOException {
		Set<String> read = fieldsRead(Path.of("src/main/java/io/github/profiling/viewer/model/SlowRequest.java"));
		Set<String> defined = new TreeSet<>();
		schemaJson().get("$defs").get("request").get("properties").propertyNames().forEach(defined::add);

		assertThat(read).contains("id", "tags", "start", "durationMillis", "complete", "traceId");
		assertThat(defined).containsAll(read);
		assertThat(schemaJson().get("properties").has("request")).isTrue();
	}

	private static Set<String> fieldsRead(Path source) throws IOException {
		Set<String> read = new TreeSet<>();
		Matcher field = Pattern.compile("\\.(?:get|path|has)\\(\"(\\w+)\"\\)")
			.matcher(Files.readString(source, StandardCharsets.UTF_8));
		while (field.find()) {
			read.add(field.group(1));
		}
		return read;
	}

	private static void assertSameNodes(CallNode node, JsonNode expected, boolean traced) {
		assertThat(node.name()).isEqualTo(expected.get("name").asString());
		assertThat(node.own()).as(node.name()).isEqualTo(expected.get("own").asLong());
		assertThat(node.deep()).as(node.name()).isEqualTo(expected.get("deep").asLong());
		if (traced) {
			assertThat(node.calls()).as(node.name()).isEqualTo(expected.get("calls").asLong());
			assertThat(node.ownNanos()).as(node.name()).isEqualTo(expected.get("ownNanos").asLong());
			assertThat(node.deepNanos()).as(node.name()).isEqualTo(expected.get("deepNanos").asLong());
		}
		JsonNode children = expected.get("children");
		assertThat(node.children()).as(node.name()).hasSize(children.size());
		for (int i = 0; i < children.size(); i++) {
			assertSameNodes(node.children().get(i), children.get(i), traced);
		}
	}

	private static Schema schema() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				builder -> builder
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		return registry.getSchema(schemaJson());
	}

	private static JsonNode schemaJson() {
		return schemaJson(SCHEMA);
	}

	private static JsonNode schemaJson(String resource) {
		try (InputStream in = TreeDocumentSchemaTest.class.getResourceAsStream(resource)) {
			assertThat(in).as("the schema on the class path (profiling-core)").isNotNull();
			return TreeDocumentJson.MAPPER.readTree(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
