package io.github.profiling.store;

import io.github.profiling.context.TagSet;

/** One tag set's weight in a window and its share of the window's total, in percent. */
public record TagShare(TagSet tags, long samples, double percent) {
}
