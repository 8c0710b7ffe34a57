package io.github.profiling.viewer.model;

/**
 * The call tree as it is ({@code NESTED}), or every function once with its totals
 * ({@code FLAT}).
 */
public enum ViewMode {

	NESTED, FLAT

}
