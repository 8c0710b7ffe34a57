package io.github.profiling.sampler.async;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a killed process left is removed at the next start: only our directories, by name,
 * and only when the process named in them is gone.
 */
class AsyncTempDirectoriesTest {

	@TempDir
	Path base;

	@Test
	void removesOnlyDirectoriesOfDeadProcessesOfOurs() throws Exception {
		long dead = deadPid();
		Process alive = new ProcessBuilder("sleep", "30").start();
		try {
			Path own = AsyncTempDirectories.create(this.base);
			assertThat(own.getFileName().toString())
				.startsWith("profiling-async-" + ProcessHandle.current().pid() + "-");
			Path leftover = directoryWithRecording("profiling-async-" + dead + "-123");
			Path ofALiveProcess = directoryWithRecording("profiling-async-" + alive.pid() + "-456");
			Path ofThisProcess = directoryWithRecording("profiling-async-" + ProcessHandle.current().pid() + "-789");
			Path oldStyle = directoryWithRecording("profiling-async-5551234567");
			Path notOurs = directoryWithRecording("profiling-other-" + dead + "-1");
			Path elsewhere = Files.createDirectories(this.base.resolve("elsewhere"));
			Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep");
			Path link = Files.createSymbolicLink(this.base.resolve("profiling-async-" + dead + "-999"), elsewhere);

			List<Path> removed = AsyncTempDirectories.removeLeftovers(this.base, own);

			assertThat(removed).containsExactly(leftover);
			assertThat(leftover).doesNotExist();
			assertThat(own).isDirectory();
			assertThat(ofALiveProcess.resolve("recording-1.jfr")).exists();
			assertThat(ofThisProcess.resolve("recording-1.jfr")).exists();
			assertThat(oldStyle.resolve("recording-1.jfr")).exists();
			assertThat(notOurs.resolve("recording-1.jfr")).exists();
			assertThat(link).isSymbolicLink();
			assertThat(precious).hasContent("keep");
		}
		finally {
			alive.destroy();
			alive.waitFor(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aDirectoryWithUnexpectedContentIsKept() throws Exception {
		Path own = AsyncTempDirectories.create(this.base);
		Path odd = directoryWithRecording("profiling-async-" + deadPid() + "-1");
		Files.createDirectory(odd.resolve("nested"));
		assertThat(AsyncTempDirectories.removeLeftovers(this.base, own)).isEmpty();
		assertThat(odd.resolve("nested")).isDirectory();
		assertThat(odd.resolve("recording-1.jfr")).exists();
	}

	private Path directoryWithRecording(String name) throws Exception {
		Path directory = Files.createDirectory(this.base.resolve(name));
		Files.write(directory.resolve("recording-1.jfr"), new byte[] { 'F', 'L', 'R', 0 });
		return directory;
	}

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		return process.pid();
	}

}
