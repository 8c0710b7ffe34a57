package io.github.profiling.viewer.cli;

import java.io.IOException;
import java.io.PrintStream;

import io.github.profiling.viewer.model.TreeFormatException;
import io.github.profiling.viewer.source.FileTreeSource;
import io.github.profiling.viewer.source.LiveTreeSource;
import io.github.profiling.viewer.source.RemoteEndpoint;
import io.github.profiling.viewer.source.TreeFile;
import io.github.profiling.viewer.source.TreeSource;
import io.github.profiling.viewer.ui.NotATerminalException;
import io.github.profiling.viewer.ui.TerminalViewer;
import io.github.profiling.viewer.ui.TreeRecorder;

/** {@code java -jar profiling-viewer.jar [options] URL|FILE}. */
public final class Main {

	static final int EXIT_OK = 0;
	static final int EXIT_FAILED = 1;
	static final int EXIT_USAGE = 2;

	private Main() {
	}

	public static void main(String[] args) {
		// exit explicitly: the HTTP client's threads must not keep a quit viewer alive
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		ViewerOptions options;
		try {
			options = ArgumentParser.parse(args);
		}
		catch (UsageException e) {
			err.println("profiling-viewer: " + e.getMessage());
			err.println("Try: java -jar profiling-viewer.jar --help");
			return EXIT_USAGE;
		}
		if (options.help()) {
			out.print(Usage.TEXT);
			return EXIT_OK;
		}
		TreeSource source;
		try {
			source = open(options);
		}
		catch (IOException | TreeFormatException e) {
			err.println("profiling-viewer: cannot read " + options.file() + ": " + e.getMessage());
			return EXIT_FAILED;
		}
		TreeRecorder recorder = options.save() == null ? null : tree -> TreeFile.write(options.save(), tree);
		try {
			new TerminalViewer(source, recorder).run();
			return EXIT_OK;
		}
		catch (NotATerminalException | IOException e) {
			err.println("profiling-viewer: " + e.getMessage());
			return EXIT_FAILED;
		}
	}

	private static TreeSource open(ViewerOptions options) throws IOException {
		if (options.live()) {
			return new LiveTreeSource(new RemoteEndpoint(options.url(), options.credentials(), options.focus()),
					options.interval(), options.seconds(), options.tags());
		}
		return FileTreeSource.open(options.file());
	}

}
