package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.InvalidSettingException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * One view of {@code /actuator/profiling/{view}}: it parses the parameters it takes and
 * answers in its own type, whatever the request accepts. Answers are
 * {@link ResponseEntity responses} rather than {@code WebEndpointResponse}s since the
 * downloads carry headers of their own.
 */
interface ProfileView {

	/** The selector that names this view. */
	String name();

	/**
	 * @throws InvalidSettingException for a parameter this view cannot take: a 400 naming
	 * it
	 */
	ResponseEntity<?> answer(ViewRequest request);

	/**
	 * JSON text, with its type: a list or map would need a converter for whatever the
	 * client accepts.
	 */
	static ResponseEntity<String> json(String json) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
	}

}
