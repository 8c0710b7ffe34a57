package io.github.profiling.viewer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.profiling.viewer.model.CallTree;
import io.github.profiling.viewer.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFileTest {

    @TempDir
    Path directory;

    @Test
    void aSavedTreeReadsBackTheSame() throws IOException {
        Path file = directory.resolve("tree.json");

        TreeFile.write(file, Trees.factorial());
        TreeFile.write(file, Trees.factorial());

        assertThat(TreeFile.read(file)).isEqualTo(Trees.factorial());
        assertThat(Files.list(directory)).containsExactly(file);
    }

    @Test
    void aFileSourceDeliversItsTreeOffline() throws IOException {
        Path file = directory.resolve("tree.json");
        TreeFile.write(file, Trees.factorial());
        List<Object> heard = new ArrayList<>();

        try (FileTreeSource source = FileTreeSource.open(file)) {
            source.start(new TreeListener() {
                @Override
                public void onTree(CallTree tree) {
                    heard.add(tree);
                }

                @Override
                public void onStatus(ConnectionStatus status, String message) {
                    heard.add(status);
                }
            });
            assertThat(source.tagFilter()).isNull();
            assertThat(source.location()).isEqualTo(file.toString());
        }

        assertThat(heard).containsExactly(ConnectionStatus.OFFLINE, Trees.factorial());
    }
}
