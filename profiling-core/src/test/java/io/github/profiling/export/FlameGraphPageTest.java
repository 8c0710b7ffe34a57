package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.tree.CallTree;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlameGraphPageTest {

	@Test
	void framesAndTitleCannotBreakOutOfThePage() {
		FrameTable frames = new FrameTable(100);
		int hostile = frames.intern("x</script><script>alert(1)</script><!--");
		CallTree tree = new CallTree();
		tree.add(new int[] { hostile }, 1, 3);
		String template = Pages.page(FlameGraphPage.TEMPLATE);
		String page = FlameGraphPage.write(new TreeJson.Header("jdk", "cpu", "samples"),
				new QueryResult(tree, frames, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)), "<b>app</b>");
		assertThat(count(page, "</script")).isEqualTo(count(template, "</script"));
		assertThat(count(page, "<!--")).isEqualTo(count(template, "<!--") - 1);
		assertThat(page).contains("x\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u003c!--")
			.contains("&lt;b&gt;app&lt;/b&gt;")
			.doesNotContain(FlameGraphPage.DATA_PLACEHOLDER)
			.doesNotContain(FlameGraphPage.TITLE_PLACEHOLDER);
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
