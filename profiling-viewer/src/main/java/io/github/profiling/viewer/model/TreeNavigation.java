package io.github.profiling.viewer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the viewer shows of the current tree and how the user moves around in it: the rows
 * that are unfolded, the focused row, the sort column, nested or flat, the scroll
 * position and the search.
 *
 * <p>
 * Nodes are remembered by their path of names, so a new tree (every refresh brings one)
 * keeps the folding, the focus and even the focus's line on screen.
 */
public final class TreeNavigation {

	private final FoldState folds = new FoldState();

	private final Map<NodePath, Integer> rowIndex = new HashMap<>();

	private TreeDocument tree;

	private TreeDocument flatTree;

	private boolean followingHotPath = true;

	private ViewMode mode = ViewMode.NESTED;

	private Column nestedSort = Column.DEEP;

	private Column flatSort = Column.OWN;

	private NodePath nestedFocus;

	private NodePath flatFocus;

	private List<TreeRow> rows = List.of();

	private int scrollTop;

	private int height = 20;

	private String searchQuery;

	/**
	 * Shows a new tree. Until the user takes over (see {@link #stopFollowingHotPath()}),
	 * each tree that has any calls opens with its hot path unfolded and focused, so that
	 * a first window that happened to be unrepresentative does not decide what is open.
	 */
	public void show(TreeDocument newTree) {
		Integer focusLine = rows.isEmpty() ? null : focusIndex() - scrollTop;
		tree = newTree;
		flatTree = FlatView.of(newTree);
		if (nestedFocus == null) {
			nestedFocus = rootPath();
		}
		relayout(focusLine);
		if (followingHotPath && newTree.root().hasChildren()) {
			NodePath root = rootPath();
			List<NodePath> chain = HotPath.below(newTree.root(), root, tracing());
			folds.clear();
			folds.unfold(root);
			chain.forEach(folds::unfold);
			nestedFocus = chain.get(chain.size() - 1);
			relayout(null);
		}
	}

	/**
	 * The user has taken over: from now on the folding and the focus are theirs, and new
	 * trees keep them rather than opening their own hot path.
	 */
	public void stopFollowingHotPath() {
		followingHotPath = false;
	}

	public TreeDocument tree() {
		return tree;
	}

	/**
	 * The tree the rows come from: the call tree, or in the flat view its per-function
	 * totals.
	 */
	public TreeDocument shownTree() {
		return mode == ViewMode.FLAT ? flatTree : tree;
	}

	public boolean tracing() {
		return tree != null && tree.tracing();
	}

	public List<TreeRow> rows() {
		return rows;
	}

	/** The index in {@link #rows()} of the focused row; -1 when there are no rows. */
	public int focusIndex() {
		if (rows.isEmpty()) {
			return -1;
		}
		NodePath wanted = mode == ViewMode.NESTED ? nestedFocus : flatFocus;
		// a focused node that is gone (or folded away) leaves the focus on its nearest
		// visible ancestor
		for (NodePath path = wanted; path != null; path = path.isRoot() ? null : path.parent()) {
			Integer index = rowIndex.get(path);
			if (index != null) {
				return index;
			}
		}
		return 0;
	}

	public TreeRow focusedRow() {
		int index = focusIndex();
		return index < 0 ? null : rows.get(index);
	}

	public int scrollTop() {
		return scrollTop;
	}

	/** How many rows fit on screen. */
	public void setHeight(int newHeight) {
		height = Math.max(1, newHeight);
		relayout(null);
	}

	public int height() {
		return height;
	}

	public ViewMode mode() {
		return mode;
	}

	public List<Column> columns() {
		return Column.forTree(tracing(), tree != null && tree.compared());
	}

	public Column sortColumn() {
		Column chosen = mode == ViewMode.NESTED ? nestedSort : flatSort;
		if (columns().contains(chosen)) {
			return chosen;
		}
		return mode == ViewMode.NESTED ? Column.DEEP : Column.OWN;
	}

	public void moveFocus(int delta) {
		if (rows.isEmpty()) {
			return;
		}
		int target = Math.max(0, Math.min(rows.size() - 1, focusIndex() + delta));
		focus(rows.get(target).path());
	}

	public void focusFirst() {
		moveFocus(-rows.size());
	}

	public void focusLast() {
		moveFocus(rows.size());
	}

	/** Folds the focused node; on a folded node or a leaf, moves to its parent. */
	public void foldOrGoToParent() {
		TreeRow row = focusedRow();
		if (row == null || mode == ViewMode.FLAT) {
			return;
		}
		if (row.unfolded()) {
			folds.fold(row.path());
			focus(row.path());
		}
		else {
			focus(row.path().parent());
		}
	}

	/** Unfolds the focused node; on an unfolded node, moves to its heaviest child. */
	public void unfoldOrGoToHeaviestChild() {
		TreeRow row = focusedRow();
		if (row == null || mode == ViewMode.FLAT || !row.foldable()) {
			return;
		}
		if (!row.unfolded()) {
			folds.unfold(row.path());
			focus(row.path());
		}
		else {
			CallNode heaviest = HotPath.heaviestChild(row.node(), tracing());
			focus(row.path().child(heaviest.name()));
		}
	}

	public void toggleFold() {
		TreeRow row = focusedRow();
		if (row == null || mode == ViewMode.FLAT || !row.foldable()) {
			return;
		}
		folds.toggle(row.path());
		focus(row.path());
	}

	/**
	 * Unfolds the chain of heaviest children below the focused node and focuses its end.
	 * @return false when there is nothing to open (a leaf, or the flat view)
	 */
	public boolean openHotPath() {
		TreeRow row = focusedRow();
		if (row == null || mode == ViewMode.FLAT || !row.foldable()) {
			return false;
		}
		List<NodePath> chain = HotPath.below(row.node(), row.path(), tracing());
		folds.unfold(row.path());
		chain.forEach(folds::unfold);
		focus(chain.get(chain.size() - 1));
		return true;
	}

	public void backToRoot() {
		scrollTop = 0;
		if (mode == ViewMode.NESTED) {
			focus(rootPath());
		}
		else {
			focusFirst();
		}
	}

	/** Moves the sort to the next ({@code +1}) or previous ({@code -1}) column. */
	public void cycleSort(int direction) {
		List<Column> columns = columns();
		int next = Math.floorMod(columns.indexOf(sortColumn()) + direction, columns.size());
		if (mode == ViewMode.NESTED) {
			nestedSort = columns.get(next);
		}
		else {
			flatSort = columns.get(next);
		}
		relayout(null);
	}

	public void toggleMode() {
		mode = mode == ViewMode.NESTED ? ViewMode.FLAT : ViewMode.NESTED;
		if (flatFocus == null && flatTree != null && flatTree.root().hasChildren()) {
			flatFocus = TreeRows.flat(flatTree.root(), comparator()).get(0).path();
		}
		relayout(null);
	}

	/**
	 * Searches function names (case-insensitively) and focuses the first match after the
	 * focus.
	 */
	public SearchResult search(String query) {
		searchQuery = query == null || query.isBlank() ? null : query;
		return searchQuery == null ? new SearchResult(null, 0, 0) : nextMatch(1);
	}

	public String searchQuery() {
		return searchQuery;
	}

	public boolean matchesSearch(TreeRow row) {
		return searchQuery != null
				&& row.node().name().toLowerCase(Locale.ROOT).contains(searchQuery.toLowerCase(Locale.ROOT));
	}

	/**
	 * Focuses the next ({@code +1}) or previous ({@code -1}) match in display order,
	 * unfolding what hides it.
	 */
	public SearchResult nextMatch(int direction) {
		if (searchQuery == null || tree == null) {
			return new SearchResult(searchQuery, 0, 0);
		}
		List<TreeRow> candidates = mode == ViewMode.NESTED ? TreeRows.all(tree.root(), comparator()) : rows;
		List<Integer> matches = new ArrayList<>();
		int current = -1;
		TreeRow focused = focusedRow();
		for (int i = 0; i < candidates.size(); i++) {
			if (matchesSearch(candidates.get(i))) {
				matches.add(i);
			}
			if (focused != null && candidates.get(i).path().equals(focused.path())) {
				current = i;
			}
		}
		if (matches.isEmpty()) {
			return new SearchResult(searchQuery, 0, 0);
		}
		int chosen = pickMatch(matches, current, direction);
		NodePath target = candidates.get(matches.get(chosen)).path();
		folds.reveal(target);
		focus(target);
		return new SearchResult(searchQuery, chosen + 1, matches.size());
	}

	private static int pickMatch(List<Integer> matches, int current, int direction) {
		if (direction > 0) {
			for (int i = 0; i < matches.size(); i++) {
				if (matches.get(i) > current) {
					return i;
				}
			}
			return 0;
		}
		for (int i = matches.size() - 1; i >= 0; i--) {
			if (matches.get(i) < current) {
				return i;
			}
		}
		return matches.size() - 1;
	}

	/**
	 * Moves the focus as the user asked; from then on the user, not the hot path,
	 * decides.
	 */
	private void focus(NodePath path) {
		followingHotPath = false;
		if (mode == ViewMode.NESTED) {
			nestedFocus = path;
		}
		else {
			flatFocus = path;
		}
		relayout(null);
	}

	private NodePath rootPath() {
		return NodePath.of(tree.root().name());
	}

	private Comparator<CallNode> comparator() {
		return sortColumn().order(tracing());
	}

	/**
	 * Recomputes the visible rows and the scroll position.
	 * @param focusLine the screen line the focus should stay on, or null to scroll only
	 * as far as needed to keep the focus visible
	 */
	private void relayout(Integer focusLine) {
		if (tree == null) {
			rows = List.of();
		}
		else if (mode == ViewMode.NESTED) {
			rows = TreeRows.nested(tree.root(), folds, comparator());
		}
		else {
			rows = TreeRows.flat(flatTree.root(), comparator());
		}
		rowIndex.clear();
		for (int i = 0; i < rows.size(); i++) {
			rowIndex.put(rows.get(i).path(), i);
		}
		int focus = focusIndex();
		if (focusLine != null) {
			scrollTop = focus - focusLine;
		}
		if (focus >= 0 && focus < scrollTop) {
			scrollTop = focus;
		}
		if (focus >= scrollTop + height) {
			scrollTop = focus - height + 1;
		}
		scrollTop = Math.max(0, Math.min(scrollTop, Math.max(0, rows.size() - height)));
	}

}
