package io.github.profiling.autoconfigure.compatibility;

import org.springframework.boot.SpringBootVersion;

/**
 * Which Spring Boot versions the profiler runs on. It is built against Spring Boot 4 and
 * tested on 4.0 and 4.1; on Spring Boot 3 the actuator does not read JSpecify's
 * {@code @Nullable}, so every optional parameter of the endpoint would be required and
 * most views would answer 400.
 */
public final class SpringBootSupport {

	/** The supported range, as the startup warning names it. */
	public static final String SUPPORTED_RANGE = "Spring Boot 4.0 and 4.1 (Spring Boot 4.x)";

	private static final int SUPPORTED_MAJOR = 4;

	private SpringBootSupport() {
	}

	/** The Spring Boot version of this application, {@code null} if it cannot be told. */
	public static String runningVersion() {
		return SpringBootVersion.getVersion();
	}

	/**
	 * Whether the profiler supports the given Spring Boot version. A version that cannot
	 * be read (a repackaged Boot without its version) is given the benefit of the doubt.
	 * @param version a Spring Boot version such as {@code 4.0.7} or
	 * {@code 4.1.0-SNAPSHOT}
	 * @return {@code false} only for a version of another major release
	 */
	public static boolean isSupported(String version) {
		int major = major(version);
		return major < 0 || major == SUPPORTED_MAJOR;
	}

	static String unsupportedMessage(String version) {
		return "Profiling for Spring Boot supports " + SUPPORTED_RANGE + ", but this application runs Spring Boot "
				+ version + ": the profiler, its request tagging and metrics and the /actuator/profiling endpoint"
				+ " are not configured. Upgrade to Spring Boot 4, or remove the profiling-spring-boot-starter dependency.";
	}

	private static int major(String version) {
		if (version == null) {
			return -1;
		}
		int end = 0;
		while (end < version.length() && Character.isDigit(version.charAt(end))) {
			end++;
		}
		if (end == 0 || end > 4) {
			return -1;
		}
		return Integer.parseInt(version.substring(0, end));
	}

}
