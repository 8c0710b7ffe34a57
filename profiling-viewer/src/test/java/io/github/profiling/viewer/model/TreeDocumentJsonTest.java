package io.github.profiling.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import io.github.profiling.viewer.testing.TestTrees;
import org.junit.jupiter.api.Test;

class TreeDocumentJsonTest {

	@Test
	void readsASamplingTree() {
		TreeDocument tree = TreeDocumentJson.parse("""
				{"sampler":"jdk","event":"cpu","unit":"samples","from":"2026-11-30T09:00:00Z",
				 "to":"2026-11-30T09:00:10Z","samples":12,
				 "root":{"name":"all","own":0,"deep":12,"children":[
				   {"name":"java.lang.Thread.run","own":2,"deep":12,"children":[
				     {"name":"app.Work.run","own":10,"deep":10,"children":[]}]}]}}""");

		assertThat(tree.sampler()).isEqualTo("jdk");
		assertThat(tree.event()).isEqualTo("cpu");
		assertThat(tree.samples()).isEqualTo(12);
		assertThat(tree.tracing()).isFalse();
		assertThat(tree.from()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
		assertThat(tree.window()).isEqualTo(Duration.ofSeconds(10));
		CallNode run = tree.root().children().get(0);
		assertThat(run.name()).isEqualTo("java.lang.Thread.run");
		assertThat(run.own()).isEqualTo(2);
		assertThat(run.deep()).isEqualTo(12);
		assertThat(run.child("app.Work.run").own()).isEqualTo(10);
		assertThat(tree.totalWeight()).isEqualTo(12);
	}

	@Test
	void readsATracingTreeWithCallsAndNanoseconds() {
		TreeDocument tree = TreeDocumentJson
			.parse("""
					{"sampler":"tracer","event":"calls","unit":"nanoseconds","samples":3000,
					 "root":{"name":"all","own":0,"deep":3000,"calls":1,"ownNanos":0,"deepNanos":3000,"children":[
					   {"name":"app.A.a","own":1000,"deep":3000,"calls":4,"ownNanos":1000,"deepNanos":3000,"children":[]}]}}""");

		assertThat(tree.tracing()).isTrue();
		CallNode a = tree.root().children().get(0);
		assertThat(a.calls()).isEqualTo(4);
		assertThat(a.ownNanos()).isEqualTo(1000);
		assertThat(a.deepNanos()).isEqualTo(3000);
		assertThat(tree.totalWeight()).isEqualTo(3000);
		assertThat(tree.window()).isNull();
	}

	@Test
	void writesWhatItReads() {
		TreeDocument tree = TestTrees.factorial();

		assertThat(TreeDocumentJson.parse(TreeDocumentJson.write(tree))).isEqualTo(tree);
	}

	@Test
	void readsTreesThousandsOfFramesDeep() {
		CallNode node = TestTrees.node("leaf", 1);
		for (int i = 0; i < 5000; i++) {
			node = TestTrees.node("frame" + i, 0, node);
		}
		TreeDocument deep = TestTrees.sampling(node);

		TreeDocument read = TreeDocumentJson.parse(TreeDocumentJson.write(deep));

		int depth = 0;
		CallNode walked = read.root();
		while (walked.hasChildren()) {
			walked = walked.children().get(0);
			depth++;
		}
		assertThat(depth).isEqualTo(5001);
		assertThat(walked.name()).isEqualTo("leaf");
		assertThat(read.root().deep()).isEqualTo(1);
	}

	@Test
	void rejectsTextThatIsNotATree() {
		assertThatThrownBy(() -> TreeDocumentJson.parse("{\"samples\":1}")).isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("root");
		assertThatThrownBy(() -> TreeDocumentJson.parse("{\"root\":{\"own\":1}}"))
			.isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("name");
		assertThatThrownBy(() -> TreeDocumentJson.parse("not json")).isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("not valid JSON");
	}

	@Test
	void readsTheTagSummary() {
		var summaries = TagSummary.parseList("""
				[{"tags":{"http.method":"GET","http.route":"/{n}"},"samples":900,"percent":87.5},
				 {"tags":{},"samples":100,"percent":12.5}]""");

		assertThat(summaries).hasSize(2);
		assertThat(summaries.get(0).tags()).containsExactly(new Tag("http.method", "GET"),
				new Tag("http.route", "/{n}"));
		assertThat(summaries.get(0).samples()).isEqualTo(900);
		assertThat(summaries.get(0).percent()).isEqualTo(87.5);
		assertThat(summaries.get(0).label()).isEqualTo("http.method:GET http.route:/{n}");
		assertThat(summaries.get(1).label()).isEqualTo("(untagged)");
	}

	@Test
	void parsesTagsAtTheFirstColon() {
		assertThat(Tag.parse("http.route:/a:b")).isEqualTo(new Tag("http.route", "/a:b"));
		assertThatThrownBy(() -> Tag.parse("novalue")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Tag.parse(":x")).isInstanceOf(IllegalArgumentException.class);
	}

}
