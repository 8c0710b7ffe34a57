package io.github.profiling.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Load of the tests' apps: several HTTP clients at once, each on its own thread. */
final class Clients {

	private Clients() {
	}

	/** What one client sends, told its number among the clients. */
	@FunctionalInterface
	interface Work {

		void run(int client) throws Exception;

	}

	/**
	 * Runs {@code work} for clients {@code 0} to {@code count - 1} at once; waits at most
	 * three minutes for them and fails with the first client's failure.
	 */
	static void inParallel(int count, Work work) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(count);
		try {
			Future<?>[] done = new Future<?>[count];
			for (int c = 0; c < count; c++) {
				int client = c;
				done[c] = clients.submit(() -> {
					work.run(client);
					return null;
				});
			}
			for (Future<?> future : done) {
				future.get(3, TimeUnit.MINUTES);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

}
