package io.github.profiling.viewer.cli;

import java.nio.file.Path;
import java.util.List;

import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.source.Credentials;

/**
 * What the command line asked for.
 *
 * @param url the endpoint to attach to, or null when viewing a file
 * @param file the saved tree to view, or null when attaching to a server
 * @param seconds the window of each live tree, or null for the server's default (one
 * interval)
 * @param interval how often the server sends a tree (e.g. {@code 1s}), or null for its
 * default
 * @param save where to keep the latest tree shown, or null
 * @param focus where every path starts ({@code app}: the application's own code, or
 * packages), or null
 */
public record ViewerOptions(boolean help, String url, Path file, List<Tag> tags, Integer seconds, String interval,
		Credentials credentials, Path save, String focus) {

	public ViewerOptions {
		tags = List.copyOf(tags);
	}

	static ViewerOptions helpOnly() {
		return new ViewerOptions(true, null, null, List.of(), null, null, Credentials.NONE, null, null);
	}

	public boolean live() {
		return url != null;
	}
}
