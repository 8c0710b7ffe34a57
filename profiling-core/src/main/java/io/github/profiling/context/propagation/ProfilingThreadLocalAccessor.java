package io.github.profiling.context.propagation;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import io.micrometer.context.ThreadLocalAccessor;

import java.util.ArrayDeque;

/**
 * Carries profiling tags to the threads that continue a request's work, through
 * Micrometer context propagation: an executor wrapped by {@code ContextSnapshotFactory} /
 * {@code ContextExecutorService}, Spring's {@code ContextPropagatingTaskDecorator},
 * Reactor with automatic context propagation. Registered with the {@code ContextRegistry}
 * through {@code META-INF/services}, so it works as soon as both libraries are present.
 * <p>
 * Capturing takes the request thread's innermost scope; restoring opens a scope on the
 * worker thread that follows the captured one's tags (a route resolved later included),
 * and closing the snapshot closes it. Scopes the task opens itself nest inside.
 */
public final class ProfilingThreadLocalAccessor implements ThreadLocalAccessor<Scope> {

	public static final String KEY = "io.github.profiling.tags";

	// Per thread, one entry per snapshot restored here, innermost first: the scope opened
	// for
	// it, or NOTHING_OPENED when the snapshot had no tags or ran on the capturing thread
	// itself.
	private static final ThreadLocal<ArrayDeque<Object>> RESTORED = ThreadLocal.withInitial(ArrayDeque::new);

	private static final Object NOTHING_OPENED = new Object();

	private final ProfilingContext context;

	public ProfilingThreadLocalAccessor() {
		this(ProfilingContext.global());
	}

	public ProfilingThreadLocalAccessor(ProfilingContext context) {
		this.context = context;
	}

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public Scope getValue() {
		return this.context.currentScope();
	}

	@Override
	public void setValue(Scope captured) {
		// On the capturing thread itself its scope is open already.
		RESTORED.get()
			.push(captured.isOwnedByCurrentThread() ? NOTHING_OPENED
					: this.context.openScope(null, captured.asSource(), captured.requestId()));
	}

	@Override
	public void setValue() {
		// Nothing captured: the task runs without request tags.
		RESTORED.get().push(NOTHING_OPENED);
	}

	@Override
	public void restore(Scope previousValue) {
		closeRestored();
	}

	@Override
	public void restore() {
		closeRestored();
	}

	private void closeRestored() {
		ArrayDeque<Object> restored = RESTORED.get();
		Object opened = restored.poll();
		if (restored.isEmpty()) {
			RESTORED.remove();
		}
		if (opened instanceof Scope scope) {
			scope.close();
		}
	}

}
