package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.InvalidSettingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.ResponseEntity;

/**
 * The views of {@code /actuator/profiling/{view}} by name: the one a request selects
 * answers, a parameter it cannot take gets a 400 naming it, an unknown view a 404.
 */
final class Views {

	private final Map<String, ProfileView> views = new LinkedHashMap<>();

	private final String unknown;

	Views(List<ProfileView> views) {
		views.forEach((view) -> this.views.put(view.name(), view));
		List<String> names = new ArrayList<>(this.views.keySet());
		String last = names.remove(names.size() - 1);
		this.unknown = "; use " + String.join(", ", names) + " or " + last;
	}

	ResponseEntity<?> answer(ViewRequest request) {
		ProfileView view = this.views.get(request.view());
		if (view == null) {
			return new EndpointError("unknown view '" + request.view() + "'" + this.unknown, "view")
				.answer(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		try {
			return view.answer(request);
		}
		catch (InvalidSettingException ex) {
			return EndpointError.of(ex).answer(WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		catch (KeptRequests.NotKeptException ex) {
			return new EndpointError(ex.getMessage(), "request").answer(WebEndpointResponse.STATUS_NOT_FOUND);
		}
	}

}
