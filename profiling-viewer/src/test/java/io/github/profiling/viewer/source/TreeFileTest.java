package io.github.profiling.viewer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFileTest {

	@TempDir
	Path directory;

	@Test
	void aSavedTreeReadsBackTheSame() throws IOException {
		Path file = directory.resolve("tree.json");

		TreeFile.write(file, TestTrees.factorial());
		TreeFile.write(file, TestTrees.factorial());

		assertThat(TreeFile.read(file)).isEqualTo(TestTrees.factorial());
		assertThat(Files.list(directory)).containsExactly(file);
	}

	@Test
	void aFileSourceDeliversItsTreeOffline() throws IOException {
		Path file = directory.resolve("tree.json");
		TreeFile.write(file, TestTrees.factorial());
		List<Object> heard = new ArrayList<>();

		try (FileTreeSource source = FileTreeSource.open(file)) {
			source.start(new TreeListener() {
				@Override
				public void onTree(TreeDocument tree) {
					heard.add(tree);
				}

				@Override
				public void onStatus(ConnectionStatus status, String message) {
					heard.add(status);
				}
			});
			assertThat(source.tagChooser()).isNull();
			assertThat(source.location()).isEqualTo(file.toString());
		}

		assertThat(heard).containsExactly(ConnectionStatus.OFFLINE, TestTrees.factorial());
	}

}
