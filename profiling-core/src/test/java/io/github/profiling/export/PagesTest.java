package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.tree.CallTree;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The served pages carry the flame graph library, kept in one resource, inline and
 * exactly once, and nothing is left of the elements and placeholders it and the data
 * replace.
 */
class PagesTest {

	private static final String LIBRARY = Resources.text("flamegraph-lib.js");

	@Test
	void theViewerCarriesTheLibraryInlineOnce() {
		String page = ViewerPage.html();
		assertThat(count(page, LIBRARY)).isEqualTo(1);
		assertThat(page).contains("<script>\n" + LIBRARY + "</script>")
			.doesNotContain("<script src")
			.doesNotContain("flamegraph-lib.js")
			.doesNotContain("PROFILE_JSON")
			.doesNotContain(FlameGraphPage.TITLE_PLACEHOLDER);
	}

	@Test
	void theFlameGraphCarriesTheLibraryInlineOnceAndItsDataInPlaceOfThePlaceholders() {
		FrameTable frames = new FrameTable(100);
		CallTree tree = new CallTree();
		tree.add(new int[] { frames.intern("com.example.Shop.checkout") }, 1, 5);
		String page = FlameGraphPage.write(new TreeJson.Header("jdk", "cpu", "samples"),
				new QueryResult(tree, frames, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)), "shop flame graph");
		assertThat(count(page, LIBRARY)).isEqualTo(1);
		assertThat(page).contains("<script>\n" + LIBRARY + "</script>")
			.contains("<title>shop flame graph</title>")
			.contains("const PROFILE = {\"sampler\":\"jdk\"")
			.doesNotContain("<script src")
			.doesNotContain("flamegraph-lib.js")
			.doesNotContain(FlameGraphPage.DATA_PLACEHOLDER)
			.doesNotContain(FlameGraphPage.TITLE_PLACEHOLDER);
	}

	@Test
	void theTemplateKeepsEachPlaceholderOnceOutsideTheLibrary() {
		String template = Pages.page(FlameGraphPage.TEMPLATE);
		assertThat(count(template, FlameGraphPage.DATA_PLACEHOLDER)).isEqualTo(1);
		assertThat(count(template, FlameGraphPage.TITLE_PLACEHOLDER)).isEqualTo(1);
		assertThat(LIBRARY).doesNotContain(FlameGraphPage.DATA_PLACEHOLDER)
			.doesNotContain(FlameGraphPage.TITLE_PLACEHOLDER);
	}

	@Test
	void elementsOtherThanAnEmptyScriptOfThisPackageStayAsTheyAre() {
		String html = "<script>let a = 1;</script><script src=\"flamegraph-lib.js\" defer></script>";
		assertThat(Pages.inline(html)).isEqualTo(html);
	}

	@Test
	void aScriptThatWouldEndItsElementIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> Pages.inline("<script src=\"unsafe-test.js\"></script>"))
			.withMessageContaining("unsafe-test.js");
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
