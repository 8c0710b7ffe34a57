package io.github.profiling.sampler.async;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The async sampler's private temporary directories, named
 * {@code profiling-async-<pid>-<n>} after the process that owns them. A graceful stop
 * deletes its directory; one left by a killed process (kill -9, the OOM killer) holds
 * megabytes of JFR and the command line, so the first directory a process creates first
 * removes those whose owner process is gone. Only directories of that exact name, not
 * symbolic links, owned by this user; a pid in use by another process keeps its
 * directory, whoever that process is.
 */
final class AsyncTempDirectories {

	static final String PREFIX = "profiling-async-";

	private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");

	private static final AtomicBoolean cleaned = new AtomicBoolean();

	private AsyncTempDirectories() {
	}

	/**
	 * A new directory in the system's temporary directory; the first call removes
	 * leftovers.
	 */
	static Path create() throws IOException {
		Path base = Path.of(System.getProperty("java.io.tmpdir"));
		Path directory = create(base);
		if (cleaned.compareAndSet(false, true)) {
			removeLeftovers(base, directory);
		}
		return directory;
	}

	static Path create(Path base) throws IOException {
		return Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-");
	}

	/**
	 * Removes the directories under {@code base} that a process of ours, now gone, left
	 * behind.
	 * @param own a directory this process just created, whose owner is this user
	 * @return the directories removed
	 */
	static List<Path> removeLeftovers(Path base, Path own) {
		List<Path> removed = new ArrayList<>();
		UserPrincipal user;
		try {
			user = Files.getOwner(own, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return removed;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
			for (Path entry : entries) {
				if (isLeftover(entry, user) && deleteFlat(entry)) {
					removed.add(entry);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Best effort: a directory we cannot list or remove is no reason not to
			// sample.
		}
		return removed;
	}

	private static boolean isLeftover(Path entry, UserPrincipal user) throws IOException {
		Matcher name = NAME.matcher(entry.getFileName().toString());
		if (!name.matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
				|| !user.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))) {
			return false;
		}
		long pid;
		try {
			pid = Long.parseLong(name.group(1));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (pid == ProcessHandle.current().pid()) {
			return false;
		}
		Optional<ProcessHandle> owner = ProcessHandle.of(pid);
		return owner.isEmpty() || !owner.get().isAlive();
	}

	/**
	 * The sampler writes files only, no sub-directories: anything else keeps the
	 * directory whole.
	 */
	private static boolean deleteFlat(Path directory) {
		try {
			List<Path> files = new ArrayList<>();
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
				for (Path entry : entries) {
					if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(entry)) {
						return false;
					}
					files.add(entry);
				}
			}
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
			Files.delete(directory);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
