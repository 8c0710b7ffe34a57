package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.Pprof;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.store.ProfileQuery;
import io.github.profiling.store.TaggedTrees;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code pprof}: every frame of a window as a gzipped pprof profile, a sample per set of
 * tags, for other tools; never pruned. Samples of kept requests whose trace is known
 * carry {@code trace_id} and {@code span_id} labels; with {@code request=ID}, that kept
 * request's own samples only.
 */
final class PprofView implements ProfileView {

	private final Profiler profiler;

	private final ViewParameters parameters;

	private final Downloads downloads;

	private final KeptRequests keptRequests;

	PprofView(Profiler profiler, ViewParameters parameters, Downloads downloads, KeptRequests keptRequests) {
		this.keptRequests = keptRequests;
		this.profiler = profiler;
		this.parameters = parameters;
		this.downloads = downloads;
	}

	@Override
	public String name() {
		return "pprof";
	}

	@Override
	public ResponseEntity<byte[]> answer(ViewRequest request) {
		TaggedTrees trees;
		if (request.request() != null) {
			trees = this.keptRequests.taggedTree(request);
		}
		else {
			ProfileQuery query = this.parameters.unpruned(request);
			// Samples of kept requests tell their trace by labels.
			trees = this.profiler.requests().withTraceLabels(this.profiler.queryByTags(query), query);
		}
		// The units of the data itself, whatever the settings are now.
		byte[] profile = Pprof.writeGzipped(trees, Pprof.Units.of(trees.recording()));
		return this.downloads.attachment(MediaType.APPLICATION_OCTET_STREAM, trees.to(), "pb.gz").body(profile);
	}

}
