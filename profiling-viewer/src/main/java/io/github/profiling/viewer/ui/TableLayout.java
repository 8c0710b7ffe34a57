package io.github.profiling.viewer.ui;

import java.util.List;

import io.github.profiling.viewer.model.Column;

/** How wide each column of the table is: numbers fixed, FUNCTION takes what is left. */
final class TableLayout {

	private static final int MIN_FUNCTION_WIDTH = 10;

	private TableLayout() {
	}

	static int functionWidth(List<Column> columns, int screenWidth) {
		int numbers = 0;
		for (Column column : columns) {
			if (column != Column.FUNCTION) {
				numbers += 1 + width(column);
			}
		}
		return Math.max(MIN_FUNCTION_WIDTH, screenWidth - numbers);
	}

	/** The width of a number column, without the space before it. */
	static int width(Column column) {
		return switch (column) {
			case OWN_PERCENT, DEEP_PERCENT -> 6;
			case DELTA -> 8;
			case FUNCTION -> 0;
			default -> 9;
		};
	}

}
