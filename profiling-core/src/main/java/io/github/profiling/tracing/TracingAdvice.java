package io.github.profiling.tracing;

import net.bytebuddy.asm.Advice;

/**
 * The code Byte Buddy inlines at the entry and every exit of a traced method. The entry
 * hands the exit the thread's {@link ThreadCalls}, so that an exit is always recorded
 * where its entry was, even across a switch of tracer. Exceptions thrown by the method
 * leave through the exit advice too; any thrown by the advice itself are swallowed, so
 * tracing can never change what the application does.
 */
final class TracingAdvice {

	private TracingAdvice() {
	}

	@Advice.OnMethodEnter(suppress = Throwable.class)
	static ThreadCalls enter(@FrameId int frameId) {
		return CallRecorder.enter(frameId);
	}

	@Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
	static void exit(@Advice.Enter ThreadCalls calls) {
		if (calls != null) {
			calls.exit();
		}
	}

}
