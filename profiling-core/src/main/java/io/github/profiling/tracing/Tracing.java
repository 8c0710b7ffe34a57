package io.github.profiling.tracing;

import io.github.profiling.sampler.SamplerProvider.Availability;

/**
 * Whether tracing can run here, asked without loading Byte Buddy, which is an optional
 * dependency: the status calls this whatever the mode.
 */
public final class Tracing {

	private static final boolean BYTE_BUDDY_PRESENT = isPresent("net.bytebuddy.agent.builder.AgentBuilder")
			&& isPresent("net.bytebuddy.agent.ByteBuddyAgent");

	private Tracing() {
	}

	/** Whether the tracer can run, with the reason the status shows. */
	public static Availability availability() {
		if (!BYTE_BUDDY_PRESENT) {
			return Availability.no(missingByteBuddy());
		}
		String failure = SelfAttach.failure();
		if (failure != null) {
			return Availability.no(failure);
		}
		return Availability.yes("instruments the classes of management.profiling.tracing.include with Byte Buddy"
				+ (SelfAttach.attached() ? "; attached to this JVM"
						: "; attaches to this JVM on first use (on JDK 21+ start it with -XX:+EnableDynamicAgentLoading to avoid a warning)"));
	}

	/**
	 * Attaches to this JVM now if not done yet, so that a request for tracing that cannot
	 * be met is refused with the reason before anything is changed.
	 * @throws TracingUnavailableException saying why tracing cannot run here
	 */
	public static void attach() throws TracingUnavailableException {
		checkAvailable();
		SelfAttach.instrumentation();
	}

	static void checkAvailable() throws TracingUnavailableException {
		if (!BYTE_BUDDY_PRESENT) {
			throw new TracingUnavailableException(missingByteBuddy());
		}
	}

	private static String missingByteBuddy() {
		return "Byte Buddy is not on the class path: add net.bytebuddy:byte-buddy and net.bytebuddy:byte-buddy-agent";
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, Tracing.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
