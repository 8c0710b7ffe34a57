package io.github.profiling.viewer.ui;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.profiling.viewer.model.RequestTree;
import io.github.profiling.viewer.model.TreeDocument;
import io.github.profiling.viewer.model.SearchResult;
import io.github.profiling.viewer.model.SlowRequest;
import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.model.TreeNavigation;
import io.github.profiling.viewer.model.ViewMode;
import io.github.profiling.viewer.source.ConnectionStatus;
import io.github.profiling.viewer.source.KeptRequests;
import io.github.profiling.viewer.source.Problems;
import io.github.profiling.viewer.source.TagChooser;

/**
 * The viewer's state and what keys and incoming trees do to it. It knows nothing of the
 * terminal: the screen is drawn from its state, and it is driven from a single thread.
 */
public final class ViewerController {

	/** What the keyboard is talking to. */
	public enum InputMode {

		/** Moving around the tree. */
		BROWSE,
		/** Typing a search after {@code /}. */
		SEARCH,
		/** Choosing a tag after {@code t}. */
		TAG_PICKER,
		/** Choosing a slow request after {@code r}. */
		REQUEST_LIST

	}

	private final TreeNavigation liveView = new TreeNavigation();

	private final String location;

	private final TagChooser tagChooser;

	private final KeptRequests keptRequests;

	private final TreeRecorder recorder;

	private final Executor uiThread;

	private final Clock clock;

	private TreeDocument latestTree;

	private Instant latestAt;

	private Instant shownAt;

	private boolean paused;

	private Instant pausedAt;

	private ConnectionStatus status = ConnectionStatus.CONNECTING;

	private String connectionMessage;

	private String notice;

	private InputMode inputMode = InputMode.BROWSE;

	private final StringBuilder searchInput = new StringBuilder();

	private TagPicker tagPicker;

	private RequestList requestList;

	/** The request whose tree is being fetched, so that only the last one asked opens. */
	private SlowRequest opening;

	private RequestTree openRequest;

	/**
	 * The open request's tree, with folds of its own, so the live view's stay as they
	 * were.
	 */
	private TreeNavigation requestView;

	private int bodyHeight = 20;

	private boolean quitRequested;

	/**
	 * @param location the endpoint URL or file, for the header
	 * @param tagChooser the live source's tag chooser, or null when tags cannot be picked
	 * @param keptRequests the live source's slow requests, or null when it keeps none
	 * @param recorder keeps each tree shown (the {@code --save} option), or null
	 * @param uiThread runs work on the thread that drives this controller (for answers
	 * that arrive later)
	 */
	public ViewerController(String location, TagChooser tagChooser, KeptRequests keptRequests, TreeRecorder recorder,
			Executor uiThread, Clock clock) {
		this.location = location;
		this.tagChooser = tagChooser;
		this.keptRequests = keptRequests;
		this.recorder = recorder;
		this.uiThread = uiThread;
		this.clock = clock;
	}

	// ---- what the source reports

	/** A new tree arrived. While paused or on a request's tree it is kept, not shown. */
	public void onTree(TreeDocument tree) {
		latestTree = tree;
		latestAt = clock.instant();
		if (!paused && openRequest == null) {
			showLatest();
		}
	}

	public void onStatus(ConnectionStatus newStatus, String message) {
		status = newStatus;
		if (message != null || newStatus == ConnectionStatus.CONNECTED) {
			connectionMessage = message;
		}
	}

	/** How many tree rows fit on the screen. */
	public void setBodyHeight(int rows) {
		bodyHeight = rows;
		liveView.setHeight(rows);
		if (requestView != null) {
			requestView.setHeight(rows);
		}
	}

	// ---- keys

	public void onKey(Key key) {
		if (key.type() == Key.Type.INTERRUPT) {
			quitRequested = true;
			return;
		}
		notice = null;
		view().stopFollowingHotPath();
		switch (inputMode) {
			case BROWSE -> browse(key);
			case SEARCH -> typeSearch(key);
			case TAG_PICKER -> pickTag(key);
			case REQUEST_LIST -> pickRequest(key);
		}
	}

	private void browse(Key key) {
		TreeNavigation view = view();
		switch (key.type()) {
			case UP -> view.moveFocus(-1);
			case DOWN -> view.moveFocus(1);
			case PAGE_UP -> view.moveFocus(-view.height());
			case PAGE_DOWN -> view.moveFocus(view.height());
			case HOME -> view.focusFirst();
			case END -> view.focusLast();
			case LEFT -> view.foldOrGoToParent();
			case RIGHT -> view.unfoldOrGoToHeaviestChild();
			case ENTER -> view.toggleFold();
			case ESCAPE -> {
				if (openRequest != null) {
					closeRequest();
				}
				else {
					view.backToRoot();
				}
			}
			case CHARACTER -> browseCharacter(key.character());
			default -> {
				// BACKSPACE means nothing here
			}
		}
	}

	private void browseCharacter(char character) {
		TreeNavigation view = view();
		switch (character) {
			case 'k', 'w' -> view.moveFocus(-1);
			case 'j', 's' -> view.moveFocus(1);
			case 'h', 'a' -> view.foldOrGoToParent();
			case 'l', 'd' -> view.unfoldOrGoToHeaviestChild();
			case '>' -> openHotPath();
			case '[' -> view.cycleSort(-1);
			case ']' -> view.cycleSort(1);
			case '\\' -> view.toggleMode();
			case ' ' -> {
				if (openRequest != null) {
					notice = "a request's tree does not change: esc goes back to the live view";
				}
				else {
					togglePause();
				}
			}
			case '/' -> {
				inputMode = InputMode.SEARCH;
				searchInput.setLength(0);
			}
			case 'n' -> describe(view.nextMatch(1));
			case 'N' -> describe(view.nextMatch(-1));
			case 't' -> openTagPicker();
			case 'r' -> {
				if (openRequest != null) {
					closeRequest();
				}
				else {
					openRequestList();
				}
			}
			case 'q' -> quitRequested = true;
			default -> {
				// unbound keys do nothing
			}
		}
	}

	private void openHotPath() {
		if (!view().openHotPath()) {
			notice = view().mode() == ViewMode.FLAT ? "the hot path is in the nested view (press \\)"
					: "nothing is called from here";
		}
	}

	private void togglePause() {
		paused = !paused;
		if (paused) {
			pausedAt = clock.instant();
		}
		else if (latestTree != null && latestTree != liveView.tree()) {
			showLatest();
		}
	}

	private void typeSearch(Key key) {
		switch (key.type()) {
			case CHARACTER -> searchInput.append(key.character());
			case BACKSPACE -> {
				if (!searchInput.isEmpty()) {
					searchInput.setLength(searchInput.length() - 1);
				}
			}
			case ENTER -> {
				inputMode = InputMode.BROWSE;
				SearchResult result = view().search(searchInput.toString());
				if (result.query() != null) {
					describe(result);
				}
			}
			case ESCAPE -> inputMode = InputMode.BROWSE;
			default -> {
				// arrows do not edit the search
			}
		}
	}

	private void describe(SearchResult result) {
		if (result.query() == null) {
			notice = "nothing to search for: press / first";
		}
		else if (!result.found()) {
			notice = "no function matches \"" + result.query() + "\"";
		}
		else {
			notice = "match " + result.position() + " of " + result.count() + " for \"" + result.query()
					+ "\" (n next, N previous)";
		}
	}

	private void openTagPicker() {
		if (tagChooser == null) {
			notice = "tags can only be picked on a live server";
			return;
		}
		TagPicker picker = new TagPicker();
		tagPicker = picker;
		inputMode = InputMode.TAG_PICKER;
		tagChooser.fetchTags().whenComplete((summaries, failure) -> uiThread.execute(() -> {
			if (tagPicker != picker) {
				return; // closed meanwhile
			}
			if (failure != null) {
				closeTagPicker();
				notice = "could not list the tags: " + Problems.describe(failure);
			}
			else {
				picker.choicesArrived(summaries, tagChooser.currentTags());
			}
		}));
	}

	private void pickTag(Key key) {
		switch (key.type()) {
			case UP -> tagPicker.move(-1);
			case DOWN -> tagPicker.move(1);
			case ENTER -> {
				if (!tagPicker.loading()) {
					List<Tag> tags = tagPicker.selectedTags();
					tagChooser.useTags(tags);
					notice = tags.isEmpty() ? "showing all the work" : "showing only " + tagsLabel(tags);
				}
				closeTagPicker();
			}
			case ESCAPE -> closeTagPicker();
			case CHARACTER -> {
				switch (key.character()) {
					case 'k', 'w' -> tagPicker.move(-1);
					case 'j', 's' -> tagPicker.move(1);
					case 'q', 't' -> closeTagPicker();
					default -> {
						// other letters do nothing in the list
					}
				}
			}
			default -> {
				// nothing else applies to the list
			}
		}
	}

	private void closeTagPicker() {
		tagPicker = null;
		inputMode = InputMode.BROWSE;
	}

	private void openRequestList() {
		if (keptRequests == null) {
			notice = "slow requests need a live server";
			return;
		}
		RequestList list = new RequestList();
		requestList = list;
		inputMode = InputMode.REQUEST_LIST;
		keptRequests.list().whenComplete((answer, failure) -> uiThread.execute(() -> {
			if (requestList != list) {
				return; // closed meanwhile
			}
			if (failure != null) {
				closeRequestList();
				notice = "could not list the slow requests: " + Problems.describe(failure);
			}
			else {
				list.arrived(answer);
			}
		}));
	}

	private void pickRequest(Key key) {
		switch (key.type()) {
			case UP -> requestList.move(-1);
			case DOWN -> requestList.move(1);
			case PAGE_UP -> requestList.move(-bodyHeight);
			case PAGE_DOWN -> requestList.move(bodyHeight);
			case HOME -> requestList.moveToEnd(false);
			case END -> requestList.moveToEnd(true);
			case ENTER -> openSelectedRequest();
			case ESCAPE -> closeRequestList();
			case CHARACTER -> {
				switch (key.character()) {
					case 'k', 'w' -> requestList.move(-1);
					case 'j', 's' -> requestList.move(1);
					case 'q', 'r' -> closeRequestList();
					default -> {
						// other letters do nothing in the list
					}
				}
			}
			default -> {
				// nothing else applies to the list
			}
		}
	}

	private void openSelectedRequest() {
		SlowRequest request = requestList.selectedRequest();
		if (request == null) {
			return;
		}
		RequestList list = requestList;
		opening = request;
		notice = "opening request " + request.id() + "...";
		keptRequests.open(request.id()).whenComplete((tree, failure) -> uiThread.execute(() -> {
			if (requestList != list || opening != request) {
				return; // closed, or another one asked for, meanwhile
			}
			opening = null;
			if (failure != null) {
				// the list stays open: another request may still be kept
				notice = "request " + request.id() + ": " + Problems.describe(failure);
			}
			else {
				closeRequestList();
				showRequest(tree);
			}
		}));
	}

	private void closeRequestList() {
		requestList = null;
		opening = null;
		inputMode = InputMode.BROWSE;
	}

	private void showRequest(RequestTree tree) {
		openRequest = tree;
		requestView = new TreeNavigation();
		requestView.setHeight(bodyHeight);
		requestView.show(tree.tree());
		notice = null;
	}

	private void closeRequest() {
		openRequest = null;
		requestView = null;
		if (!paused && latestTree != null && latestTree != liveView.tree()) {
			showLatest();
		}
	}

	private void showLatest() {
		shownAt = latestAt;
		liveView.show(latestTree);
		if (recorder != null) {
			try {
				recorder.record(latestTree);
			}
			catch (IOException e) {
				notice = "could not save the tree: " + Problems.describe(e);
			}
		}
	}

	// ---- what the screen shows

	/** What the screen shows: the open request's tree, or else the live one. */
	public TreeNavigation view() {
		return requestView != null ? requestView : liveView;
	}

	public String location() {
		return location;
	}

	public boolean paused() {
		return paused;
	}

	public ConnectionStatus status() {
		return status;
	}

	/** The last connection problem, until the stream is back. */
	public String connectionMessage() {
		return connectionMessage;
	}

	/**
	 * A one-off message about the last key (search result, error), cleared by the next
	 * key.
	 */
	public String notice() {
		return notice;
	}

	public InputMode inputMode() {
		return inputMode;
	}

	public String searchInput() {
		return searchInput.toString();
	}

	/** The open tag picker, or null. */
	public TagPicker tagPicker() {
		return tagPicker;
	}

	/** The open slow-request list, or null. */
	public RequestList requestList() {
		return requestList;
	}

	/** The request whose tree is shown instead of the live one, or null. */
	public RequestTree openRequest() {
		return openRequest;
	}

	public List<Tag> currentTags() {
		return tagChooser == null ? List.of() : tagChooser.currentTags();
	}

	/**
	 * How old the shown tree is; while paused the clock stands still, so the screen does
	 * not change. Null before the first tree.
	 */
	public Duration age() {
		if (shownAt == null) {
			return null;
		}
		Instant now = paused ? pausedAt : clock.instant();
		return Duration.between(shownAt, now).isNegative() ? Duration.ZERO : Duration.between(shownAt, now);
	}

	public boolean quitRequested() {
		return quitRequested;
	}

	private static String tagsLabel(List<Tag> tags) {
		return String.join(" ", tags.stream().map(Tag::toString).toList());
	}

}
