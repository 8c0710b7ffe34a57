package io.github.profiling.store;

import io.github.profiling.context.TagSet;

import java.time.Instant;
import java.util.List;

/**
 * Weight over time per tag set: {@code points} steps of {@code stepNanos} from
 * {@code from}, one series per tag set, heaviest first. Where there were more tag sets
 * than asked for, {@code others} sums the {@code otherTagSets} left out ({@code null}
 * otherwise), so that every step's total is whole.
 */
public record Timeline(Instant from, Instant to, long stepNanos, int points, List<Series> series, Series others,
		int otherTagSets, Recording recording) {

	/** Total weight of the window. */
	public long samples() {
		long total = (this.others != null) ? this.others.samples() : 0;
		for (Series one : this.series) {
			total += one.samples();
		}
		return total;
	}

	/** One tag set's weight per step ({@code tags} is {@code null} for the others). */
	public record Series(TagSet tags, long[] points) {

		public long samples() {
			long total = 0;
			for (long point : this.points) {
				total += point;
			}
			return total;
		}

	}

}
