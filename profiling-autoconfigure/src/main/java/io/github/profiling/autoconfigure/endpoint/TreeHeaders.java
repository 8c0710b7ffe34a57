package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.TreeJson;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.profiler.ProfilerSettings;
import io.github.profiling.store.Recording;

import org.jspecify.annotations.Nullable;

/**
 * The labels of a result: those of the recording its data came from, never today's
 * settings.
 */
final class TreeHeaders {

	private final Profiler profiler;

	TreeHeaders(Profiler profiler) {
		this.profiler = profiler;
	}

	/**
	 * The header of a result of {@code recording}, or of the settings now when there is
	 * no data.
	 */
	TreeJson.Header of(@Nullable Recording recording) {
		if (recording == null) {
			ProfilerSettings settings = this.profiler.settings();
			return new TreeJson.Header(this.profiler.activeSampler(), settings.event().id(), settings.event().unit());
		}
		return new TreeJson.Header(recording.sampler(), recording.event(), recording.unit());
	}

}
