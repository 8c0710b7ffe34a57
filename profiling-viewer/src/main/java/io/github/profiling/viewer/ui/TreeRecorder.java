package io.github.profiling.viewer.ui;

import java.io.IOException;

import io.github.profiling.viewer.model.TreeDocument;

/** Keeps a copy of every tree the viewer shows (the {@code --save} option). */
@FunctionalInterface
public interface TreeRecorder {

	void record(TreeDocument tree) throws IOException;

}
