package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.export.ViewerPage;

import org.springframework.http.ResponseEntity;

/** {@code ui}: the live viewer, a page that talks to this endpoint only. */
final class ViewerPageView implements ProfileView {

	@Override
	public String name() {
		return "ui";
	}

	@Override
	public ResponseEntity<String> answer(ViewRequest request) {
		ViewParameters.refuseWindow(request);
		return ResponseEntity.ok()
			.contentType(Downloads.TEXT_HTML_UTF8)
			.header(Downloads.CONTENT_SECURITY_POLICY, PagePolicy.VIEWER)
			.body(ViewerPage.html());
	}

}
