package io.github.profiling.viewer.ui;

import java.util.List;

import io.github.profiling.viewer.model.SlowRequest;
import io.github.profiling.viewer.model.SlowRequests;

/**
 * The list the {@code r} key opens: the slow requests the server keeps, slowest first.
 * Until the server answers it has none and shows that it is loading.
 */
public final class RequestList {

	private SlowRequests answer;

	private int selected;

	void arrived(SlowRequests requests) {
		answer = requests;
		selected = 0;
	}

	public boolean loading() {
		return answer == null;
	}

	/** The server's answer, or null while loading. */
	public SlowRequests answer() {
		return answer;
	}

	public List<SlowRequest> requests() {
		return answer == null ? List.of() : answer.requests();
	}

	public int selected() {
		return selected;
	}

	void move(int delta) {
		selected = Math.max(0, Math.min(requests().size() - 1, selected + delta));
	}

	void moveToEnd(boolean last) {
		selected = last ? Math.max(0, requests().size() - 1) : 0;
	}

	/** The selected request, or null when there is none. */
	SlowRequest selectedRequest() {
		return requests().isEmpty() ? null : requests().get(selected);
	}

}
