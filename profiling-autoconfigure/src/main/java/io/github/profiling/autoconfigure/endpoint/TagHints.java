package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.context.TagSet;
import io.github.profiling.store.TagFilter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to tell a client whose tag filter matched nothing: the values each key of the
 * filter does have (on any request so far, sampled or not), so that a mistyped route
 * template or tenant is seen at once.
 */
final class TagHints {

	static final int MAX_VALUES = 20;

	private TagHints() {
	}

	static String noMatch(TagFilter filter, List<TagSet> known) {
		StringBuilder hint = new StringBuilder("no samples match ");
		List<String> keys = filter.keys();
		for (int i = 0; i < keys.size(); i++) {
			hint.append((i > 0) ? " and " : "").append(keys.get(i)).append(':').append(filter.value(i));
		}
		for (String key : keys) {
			Set<String> values = new LinkedHashSet<>();
			known.forEach((tags) -> {
				String value = tags.get(key);
				if (value != null) {
					values.add(value);
				}
			});
			hint.append("; ").append(key);
			if (values.isEmpty()) {
				hint.append(" is on no sample");
				continue;
			}
			hint.append(" has ");
			hint.append(String.join(", ", values.stream().limit(MAX_VALUES).toList()));
			if (values.size() > MAX_VALUES) {
				hint.append(" and ").append(values.size() - MAX_VALUES).append(" more");
			}
		}
		hint.append(" (in a URL, write { and } as %7B and %7D)");
		return hint.toString();
	}

}
