package io.github.profiling.export;

/**
 * The live browser viewer: one self-contained page that follows the endpoint's live
 * stream.
 */
public final class ViewerPage {

	static final String RESOURCE = "viewer.html";

	private ViewerPage() {
	}

	public static String html() {
		return Pages.page(RESOURCE);
	}

}
