package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.endpoint.ProfilingEndpoint;
import io.github.profiling.autoconfigure.testapp.TestApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's tables of properties and status fields say what the code does: a property
 * added, removed or given another default, or a status field added or removed, fails here
 * until the README says so too.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk", "management.profiling.tracing.include=com.example.**" })
class ReadmeTablesTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	/**
	 * Status fields present only in some states or configurations, as the README's status
	 * row says.
	 */
	private static final Set<String> CONDITIONAL_STATUS_FIELDS = Set.of("degradedReason", "problem", "lastError",
			"export");

	@Autowired
	ProfilingEndpoint endpoint;

	@Test
	void propertiesTableListsEveryPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = readmePropertiesTable();
		Map<String, String> actual = new LinkedHashMap<>();
		JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("management.profiling.")) {
				JsonNode defaultValue = property.get("defaultValue");
				actual.put(name, (defaultValue == null || defaultValue.isNull()) ? "" : defaultValue.asString());
			}
		}
		assertThat(actual).as("properties of the configuration metadata").isNotEmpty();
		assertThat(documented).as("README's properties table (property -> default)").isEqualTo(actual);
	}

	@Test
	void statusRowListsEveryStatusField() throws IOException {
		Set<String> documented = readmeStatusFields();
		JsonNode status = JsonMapper.builder().build().valueToTree(this.endpoint.status());
		Set<String> actual = new LinkedHashSet<>(status.propertyNames());
		assertThat(documented).as("README's status fields").containsAll(actual);
		Set<String> undocumentedInCode = new LinkedHashSet<>(documented);
		undocumentedInCode.removeAll(actual);
		assertThat(undocumentedInCode).as("README's status fields that this status does not have")
			.isSubsetOf(CONDITIONAL_STATUS_FIELDS);
	}

	/**
	 * The rows of the table under "### Properties": one contiguous table, property to
	 * default.
	 */
	private static Map<String, String> readmePropertiesTable() throws IOException {
		List<String> section = section("### Properties");
		int start = 0;
		while (start < section.size() && !section.get(start).startsWith("| property |")) {
			start++;
		}
		assertThat(start).as("the properties table's header").isLessThan(section.size());
		Map<String, String> rows = new LinkedHashMap<>();
		for (int i = start + 2; i < section.size() && section.get(i).startsWith("|"); i++) {
			String[] cells = section.get(i).split("\\|", -1);
			String name = unquote(cells[1].trim());
			String defaultValue = unquote(cells[2].trim());
			assertThat(rows.put(name, defaultValue)).as("%s is listed once", name).isNull();
		}
		// A property documented outside the table (after a blank line, say) is not in it.
		for (String line : section) {
			Matcher property = Pattern.compile("^\\| `(management\\.profiling\\.[^`]+)`").matcher(line);
			if (property.find()) {
				assertThat(rows).as("%s is a row of the one table", property.group(1)).containsKey(property.group(1));
			}
		}
		return rows;
	}

	/**
	 * The field names in the row of {@code GET /actuator/profiling}, fields of nested
	 * objects left out.
	 */
	private static Set<String> readmeStatusFields() throws IOException {
		String row = section("### The HTTP API").stream()
			.filter((line) -> line.startsWith("| `GET /actuator/profiling` |"))
			.findFirst()
			.orElseThrow();
		String answer = row.substring("| `GET /actuator/profiling` |".length()).replaceAll("\\([^)]*\\)", "");
		Set<String> fields = new LinkedHashSet<>();
		Matcher code = CODE.matcher(answer);
		while (code.find()) {
			fields.add(code.group(1));
		}
		return fields;
	}

	private static List<String> section(String heading) throws IOException {
		List<String> lines = Files.readAllLines(README);
		int start = lines.indexOf(heading);
		assertThat(start).as("README has %s", heading).isNotNegative();
		List<String> section = new ArrayList<>();
		boolean inCode = false;
		for (int i = start + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("```")) {
				inCode = !inCode;
			}
			else if (!inCode && line.startsWith("#")) {
				break;
			}
			section.add(line);
		}
		return section;
	}

	private static String unquote(String cell) {
		return (cell.startsWith("`") && cell.endsWith("`") && cell.length() > 1) ? cell.substring(1, cell.length() - 1)
				: cell;
	}

}
