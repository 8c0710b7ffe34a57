package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.context.Scope;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The profiling scopes a request has open, innermost first, kept in its observation
 * context. An async servlet request may have scopes on two threads at once for a moment,
 * a reactive one on as many threads as its pipeline runs on, so each close finds its own
 * thread's: a scope is always closed on the thread that opened it.
 */
final class OpenScopes {

	private final ArrayDeque<Scope> scopes = new ArrayDeque<>(2);

	synchronized void push(Scope scope) {
		this.scopes.push(scope);
	}

	synchronized void closeInnermostOfCurrentThread() {
		for (Iterator<Scope> it = this.scopes.iterator(); it.hasNext();) {
			Scope scope = it.next();
			if (scope.isOwnedByCurrentThread()) {
				it.remove();
				scope.close();
				return;
			}
		}
	}

}
