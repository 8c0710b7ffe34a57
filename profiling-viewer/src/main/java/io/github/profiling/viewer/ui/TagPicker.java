package io.github.profiling.viewer.ui;

import java.util.List;

import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TagSummary;

/**
 * The small list the {@code t} key opens: "all" first, then the tag sets the server
 * reported. Until the server answers it has no choices and shows that it is loading.
 */
public final class TagPicker {

	private List<TagSummary> choices;

	private int selected;

	/** The server's answer arrived; preselects the entry matching the tags in use. */
	void choicesArrived(List<TagSummary> summaries, List<Tag> tagsInUse) {
		choices = List.copyOf(summaries);
		selected = 0;
		for (int i = 0; i < choices.size(); i++) {
			if (!tagsInUse.isEmpty() && choices.get(i).tags().equals(tagsInUse)) {
				selected = i + 1;
			}
		}
	}

	public boolean loading() {
		return choices == null;
	}

	/** The tag sets to pick from, without the leading "all". */
	public List<TagSummary> choices() {
		return choices == null ? List.of() : choices;
	}

	/** 0 for "all", i for the i-th tag set. */
	public int selected() {
		return selected;
	}

	void move(int delta) {
		selected = Math.max(0, Math.min(choices().size(), selected + delta));
	}

	/** The tags of the selected entry; none for "all". */
	List<Tag> selectedTags() {
		return selected == 0 ? List.of() : choices.get(selected - 1).tags();
	}

}
