package io.github.profiling.viewer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.profiling.viewer.model.TagSummary;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** Draws the tag list the {@code t} key opens, in place of the tree. */
final class TagPickerPainter {

	List<AttributedString> lines(TagPicker picker, int width, int bodyHeight) {
		List<AttributedString> lines = new ArrayList<>(bodyHeight);
		lines.add(new AttributedString(Formats.left(" Show the work of one tag (enter picks, esc cancels):", width),
				AttributedStyle.BOLD));
		if (picker.loading()) {
			lines.add(Lines.plain("   asking the server for its tags...", width));
		}
		else {
			lines.add(choice(" all (no tag filter)", picker.selected() == 0, width));
			List<TagSummary> choices = picker.choices();
			for (int i = 0; i < choices.size(); i++) {
				TagSummary summary = choices.get(i);
				String text = String.format(Locale.ROOT, " %-60s %9d samples %6.1f%%", summary.label(),
						summary.samples(), summary.percent());
				lines.add(choice(text, picker.selected() == i + 1, width));
			}
		}
		while (lines.size() < bodyHeight) {
			lines.add(AttributedString.EMPTY);
		}
		return lines.subList(0, bodyHeight);
	}

	private static AttributedString choice(String text, boolean selected, int width) {
		String line = Formats.left("  " + text, width);
		return new AttributedString(line, selected ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT);
	}

}
