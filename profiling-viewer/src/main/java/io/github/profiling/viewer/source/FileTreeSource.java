package io.github.profiling.viewer.source;

import java.io.IOException;
import java.nio.file.Path;

import io.github.profiling.viewer.model.TreeDocument;

/** A tree saved earlier, viewed offline. */
public final class FileTreeSource implements TreeSource {

	private final Path file;

	private final TreeDocument tree;

	private FileTreeSource(Path file, TreeDocument tree) {
		this.file = file;
		this.tree = tree;
	}

	/**
	 * Reads the file at once, so that a bad file is reported before the screen is taken
	 * over.
	 */
	public static FileTreeSource open(Path file) throws IOException {
		return new FileTreeSource(file, TreeFile.read(file));
	}

	@Override
	public void start(TreeListener listener) {
		listener.onStatus(ConnectionStatus.OFFLINE, null);
		listener.onTree(tree);
	}

	@Override
	public String location() {
		return file.toString();
	}

	@Override
	public TagChooser tagChooser() {
		return null;
	}

	@Override
	public KeptRequests keptRequests() {
		return null;
	}

	@Override
	public void close() {
		// nothing is open
	}

}
