package io.github.profiling.sampler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import jdk.jfr.consumer.RecordingFile;

/**
 * The JFR events that hold the JVM's environment: system properties, environment
 * variables, and the JVM's arguments and command line. Passwords and tokens are passed
 * that way, so the jfr and async samplers leave these out of their recordings unless told
 * otherwise.
 */
public final class JfrEnvironment {

	public static final Set<String> EVENT_TYPES = Set.of("jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable",
			"jdk.JVMInformation");

	private JfrEnvironment() {
	}

	/**
	 * The first environment event type found in a recording, or {@code null} when it
	 * holds none. Another recording in the same JVM (such as
	 * {@code -XX:StartFlightRecording}) shares the JVM's chunks and can bring them in
	 * even though our samplers do not ask for them.
	 */
	public static String findIn(Path recording) throws IOException {
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				String type = file.readEvent().getEventType().getName();
				if (EVENT_TYPES.contains(type)) {
					return type;
				}
			}
		}
		return null;
	}

}
