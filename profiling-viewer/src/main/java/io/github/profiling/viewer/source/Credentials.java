package io.github.profiling.viewer.source;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How the viewer authenticates to a secured actuator: not at all, HTTP basic, or a bearer
 * token.
 */
public sealed interface Credentials {

	Credentials NONE = new None();

	/** The value of the {@code Authorization} header, if any. */
	Optional<String> authorization();

	record None() implements Credentials {
		@Override
		public Optional<String> authorization() {
			return Optional.empty();
		}
	}

	record Basic(String user, String password) implements Credentials {
		@Override
		public Optional<String> authorization() {
			String pair = user + ":" + password;
			return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
		}

		@Override
		public String toString() {
			return "Basic[" + user + "]";
		}
	}

	record Bearer(String token) implements Credentials {
		@Override
		public Optional<String> authorization() {
			return Optional.of("Bearer " + token);
		}

		@Override
		public String toString() {
			return "Bearer[...]";
		}
	}

}
