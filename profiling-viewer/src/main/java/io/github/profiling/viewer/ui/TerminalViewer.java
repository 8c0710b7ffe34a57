package io.github.profiling.viewer.ui;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.source.ConnectionStatus;
import io.github.profiling.viewer.source.TreeListener;
import io.github.profiling.viewer.source.TreeSource;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Runs the viewer in the terminal until the user quits.
 *
 * <p>
 * Everything that changes the state — keys, trees, status changes, resizes, the clock —
 * is queued and run on the calling thread, one at a time, and the screen is redrawn after
 * each batch. The controller therefore never needs locks.
 */
public final class TerminalViewer {

	private final TreeSource source;

	private final TreeRecorder recorder;

	private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	public TerminalViewer(TreeSource source, TreeRecorder recorder) {
		this.source = source;
		this.recorder = recorder;
	}

	/**
	 * Takes over the terminal and runs until {@code q} or Ctrl-C.
	 * @throws NotATerminalException when standard input and output are not a terminal
	 */
	public void run() throws IOException {
		try (Terminal terminal = TerminalBuilder.builder().name("profiling-viewer").system(true).build()) {
			if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
				throw new NotATerminalException();
			}
			ViewerController controller = new ViewerController(source.location(), source.tagChooser(),
					source.keptRequests(), recorder, tasks::add, Clock.systemUTC());
			TerminalScreen screen = new TerminalScreen(terminal);
			Thread restoreOnExit = new Thread(screen::close, "profiling-viewer-restore");
			Runtime.getRuntime().addShutdownHook(restoreOnExit);
			ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "profiling-viewer-clock");
				thread.setDaemon(true);
				return thread;
			});
			try {
				terminal.handle(Terminal.Signal.WINCH, signal -> tasks.add(screen::resized));
				terminal.handle(Terminal.Signal.INT, signal -> tasks.add(() -> controller.onKey(Key.INTERRUPT)));
				startKeyReader(terminal, controller);
				// once a second, so the age of the last update keeps counting
				clock.scheduleAtFixedRate(() -> tasks.add(() -> {
				}), 1, 1, TimeUnit.SECONDS);
				source.start(new QueueingListener(controller));
				loop(controller, screen);
			}
			finally {
				clock.shutdownNow();
				source.close();
				screen.close();
				try {
					Runtime.getRuntime().removeShutdownHook(restoreOnExit);
				}
				catch (IllegalStateException shuttingDown) {
					// the JVM is already exiting and runs the hook, which finds the
					// screen closed
				}
			}
		}
	}

	private void loop(ViewerController controller, TerminalScreen screen) {
		ScreenRenderer renderer = new ScreenRenderer();
		while (!controller.quitRequested()) {
			controller.setBodyHeight(ScreenRenderer.bodyHeight(screen.rows()));
			screen.draw(renderer.render(controller, screen.columns(), screen.rows()));
			try {
				tasks.take().run();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			Runnable next;
			while (!controller.quitRequested() && (next = tasks.poll()) != null) {
				next.run();
			}
		}
	}

	private void startKeyReader(Terminal terminal, ViewerController controller) {
		KeyDecoder keys = new KeyDecoder(terminal.reader(), terminal);
		Thread reader = new Thread(() -> {
			try {
				Key key;
				while ((key = keys.read()) != null) {
					Key pressed = key;
					tasks.add(() -> controller.onKey(pressed));
				}
			}
			catch (RuntimeException | java.io.IOError closedWhileReading) {
				// the terminal was closed under the reader: the viewer is ending anyway
			}
			// the input ended (the terminal went away): nothing more can be asked of the
			// viewer
			tasks.add(() -> controller.onKey(Key.INTERRUPT));
		}, "profiling-viewer-keys");
		reader.setDaemon(true);
		reader.start();
	}

	/** Hands the source's news to the viewer's thread. */
	private final class QueueingListener implements TreeListener {

		private final ViewerController controller;

		QueueingListener(ViewerController controller) {
			this.controller = controller;
		}

		@Override
		public void onTree(TreeDocument tree) {
			tasks.add(() -> controller.onTree(tree));
		}

		@Override
		public void onStatus(ConnectionStatus status, String message) {
			tasks.add(() -> controller.onStatus(status, message));
		}

	}

}
