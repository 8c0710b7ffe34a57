package io.github.profiling.tracing;

/**
 * What instrumented methods call on entry: finds the calling thread's {@link ThreadCalls}
 * of the running tracer and records the call. Public and free of Byte Buddy types, since
 * the code that calls it is inlined into application classes.
 */
public final class CallRecorder {

	// The running tracer, or null. One per JVM, as the instrumentation is.
	private static volatile Tracer active;

	private CallRecorder() {
	}

	/**
	 * A traced method was entered.
	 * @return the calls of this thread, to be told of the exit, or {@code null} if this
	 * call is not recorded (no tracer runs, or the tracer itself is calling)
	 */
	public static ThreadCalls enter(int frameId) {
		Tracer tracer = active;
		if (tracer == null) {
			return null;
		}
		ThreadCalls calls = tracer.threadCalls();
		return calls.enter(frameId) ? calls : null;
	}

	static synchronized boolean activate(Tracer tracer) {
		if (active != null) {
			return false;
		}
		active = tracer;
		return true;
	}

	static synchronized void deactivate(Tracer tracer) {
		if (active == tracer) {
			active = null;
		}
	}

	static Tracer active() {
		return active;
	}

}
