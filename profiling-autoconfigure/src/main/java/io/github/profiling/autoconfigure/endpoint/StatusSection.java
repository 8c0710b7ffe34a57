package io.github.profiling.autoconfigure.endpoint;

import java.util.Map;

/**
 * A part of the endpoint's status that lives elsewhere, such as an exporter's state:
 * every bean of this type shows under {@code export.<name>} of
 * {@code GET /actuator/profiling}.
 */
public interface StatusSection {

	String name();

	Map<String, Object> status();

}
