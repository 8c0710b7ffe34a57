package io.github.profiling.viewer.model;

/**
 * Where a search landed.
 *
 * @param position 1-based number of the match now focused, 0 when nothing matched
 * @param count how many nodes match
 */
public record SearchResult(String query, int position, int count) {

	public boolean found() {
		return count > 0;
	}
}
