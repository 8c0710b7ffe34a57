package io.github.profiling.viewer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.TreeDocumentJson;

/** A tree saved as JSON, in the format {@code GET /actuator/profiling/tree} returns. */
public final class TreeFile {

	private TreeFile() {
	}

	public static TreeDocument read(Path file) throws IOException {
		return TreeDocumentJson.parse(Files.readString(file, StandardCharsets.UTF_8));
	}

	/** Writes the tree so that a reader never sees a half-written file. */
	public static void write(Path file, TreeDocument tree) throws IOException {
		Path absolute = file.toAbsolutePath();
		Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
		Files.writeString(temporary, TreeDocumentJson.write(tree), StandardCharsets.UTF_8);
		try {
			Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
