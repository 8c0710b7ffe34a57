package io.github.profiling.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The JSON Schema of the tree document ({@code tree.schema.json}), shipped in this
 * package.
 */
final class TreeSchema {

	static final String RESOURCE = "tree.schema.json";

	private static final Schema SCHEMA = load();

	private TreeSchema() {
	}

	/**
	 * What is wrong with {@code json} by the schema; empty when it is a valid tree
	 * document.
	 */
	static List<String> errors(String json) {
		return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
	}

	private static Schema load() {
		// Formats (date-time) are checked too, not only noted as 2020-12 does by default.
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		try (InputStream in = TreeSchema.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + RESOURCE);
			}
			return registry.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
