package io.github.profiling.viewer.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TagSummary;

/** Lists the tags a live server knows and narrows its stream to one of them. */
public interface TagChooser {

	/** The tag sets seen recently, most work first. */
	CompletableFuture<List<TagSummary>> fetchTags();

	/** Reconnects the stream with these tags; an empty list shows all the work. */
	void useTags(List<Tag> tags);

	List<Tag> currentTags();

}
