package io.github.profiling.tracing;

import java.lang.instrument.Instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The JVM's {@link Instrumentation}, obtained once by attaching Byte Buddy's agent to the
 * running JVM (or from the agent given with {@code -javaagent}). The outcome, success or
 * the reason of failure, is kept: attaching is slow and does not succeed on a second try.
 */
final class SelfAttach {

	private static Instrumentation instrumentation;

	private static String failure;

	private SelfAttach() {
	}

	/**
	 * @throws TracingUnavailableException saying why the JVM cannot be instrumented
	 */
	static synchronized Instrumentation instrumentation() throws TracingUnavailableException {
		if (instrumentation != null) {
			return instrumentation;
		}
		if (failure == null) {
			try {
				Instrumentation attached = ByteBuddyAgent.install();
				if (attached.isRetransformClassesSupported()) {
					instrumentation = attached;
					return attached;
				}
				failure = "this JVM does not support retransforming classes";
			}
			catch (RuntimeException | LinkageError ex) {
				failure = "cannot attach an agent to this JVM (" + ex.getMessage()
						+ "); run on a full JDK with attach enabled (no -XX:+DisableAttachMechanism), or start it with -javaagent:byte-buddy-agent.jar";
			}
		}
		throw new TracingUnavailableException(failure);
	}

	/**
	 * Whether attaching was tried, and if so why it failed; {@code null} when untried or
	 * attached.
	 */
	static synchronized String failure() {
		return failure;
	}

	static synchronized boolean attached() {
		return instrumentation != null;
	}

}
