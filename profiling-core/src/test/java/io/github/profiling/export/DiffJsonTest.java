package io.github.profiling.export;

import io.github.profiling.context.TagSet;
import io.github.profiling.model.FrameTable;
import io.github.profiling.store.DiffResult;
import io.github.profiling.store.Timeline;
import io.github.profiling.tree.CallTree;
import io.github.profiling.tree.DiffTree;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of a comparison and of a timeline. */
class DiffJsonTest {

	private static final Instant BASE_FROM = Instant.parse("2025-01-02T03:03:05Z");

	private static final Instant FROM = Instant.parse("2025-01-02T03:04:05Z");

	private static final Instant TO = Instant.parse("2025-01-02T03:05:05Z");

	private static final TreeJson.Header HEADER = new TreeJson.Header("jdk", "cpu", "samples");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FrameTable frames = new FrameTable(1_000);

	private int[] stack(String... names) {
		int[] stack = new int[names.length];
		for (int i = 0; i < names.length; i++) {
			stack[i] = this.frames.intern(names[i]);
		}
		return stack;
	}

	@Test
	void everyNodeHasBothWeightsAndBothShares() {
		CallTree base = new CallTree();
		base.add(stack("a.A.run", "a.A.parse"), 2, 30);
		base.add(stack("a.A.run"), 1, 10);
		CallTree compared = new CallTree();
		compared.add(stack("a.A.run", "a.A.parse"), 2, 30);
		compared.add(stack("a.A.run", "a.A.render"), 2, 50);
		DiffResult result = new DiffResult(DiffTree.of(base, compared), this.frames, BASE_FROM, FROM, FROM, TO, null);

		JsonNode json = JSON.readTree(DiffJson.write(HEADER.withHint("none"), result));
		assertThat(json.get("sampler").asString()).isEqualTo("jdk");
		assertThat(json.get("unit").asString()).isEqualTo("samples");
		assertThat(json.get("samples").asLong()).isEqualTo(80);
		assertThat(json.get("from").asString()).isEqualTo(FROM.toString());
		assertThat(json.get("base").get("from").asString()).isEqualTo(BASE_FROM.toString());
		assertThat(json.get("base").get("to").asString()).isEqualTo(FROM.toString());
		assertThat(json.get("base").get("samples").asLong()).isEqualTo(40);
		assertThat(json.get("hint").asString()).isEqualTo("none");
		JsonNode root = json.get("root");
		assertThat(root.get("deep").asLong()).isEqualTo(80);
		assertThat(root.get("baseDeep").asLong()).isEqualTo(40);
		assertThat(root.get("deepPercent").asDouble()).isEqualTo(100.0);
		assertThat(root.get("baseDeepPercent").asDouble()).isEqualTo(100.0);
		JsonNode run = root.get("children").get(0);
		assertThat(run.get("name").asString()).isEqualTo("a.A.run");
		assertThat(run.get("own").asLong()).isZero();
		assertThat(run.get("baseOwn").asLong()).isEqualTo(10);
		assertThat(run.get("baseOwnPercent").asDouble()).isEqualTo(25.0);
		JsonNode render = run.get("children").get(0);
		JsonNode parse = run.get("children").get(1);
		assertThat(render.get("name").asString()).isEqualTo("a.A.render");
		assertThat(render.get("deep").asLong()).isEqualTo(50);
		assertThat(render.get("baseDeep").asLong()).isZero();
		assertThat(render.get("deepPercent").asDouble()).isEqualTo(62.5);
		assertThat(render.get("baseDeepPercent").asDouble()).isZero();
		assertThat(parse.get("deepPercent").asDouble()).isEqualTo(37.5);
		assertThat(parse.get("baseDeepPercent").asDouble()).isEqualTo(75.0);
		assertThat(parse.get("ownPercent").asDouble()).isEqualTo(37.5);
	}

	@Test
	void aSideWithoutSamplesHasNoShares() {
		CallTree compared = new CallTree();
		compared.add(stack("a.A.run"), 1, 3);
		DiffResult result = new DiffResult(DiffTree.of(new CallTree(), compared), this.frames, BASE_FROM, FROM, FROM,
				TO, null);

		JsonNode root = JSON.readTree(DiffJson.write(HEADER, result)).get("root");
		assertThat(root.get("baseDeepPercent").asDouble()).isZero();
		assertThat(root.get("children").get(0).get("deepPercent").asDouble()).isEqualTo(100.0);
		assertThat(root.has("hint")).isFalse();
	}

	@Test
	void aTimelineHasItsStepsSeriesAndOthers() {
		Timeline timeline = new Timeline(FROM, TO, 2_000_000_000L, 3,
				List.of(new Timeline.Series(TagSet.of("http.route", "/a"), new long[] { 1, 2, 3 })),
				new Timeline.Series(null, new long[] { 0, 0, 4 }), 2, null);

		JsonNode json = JSON.readTree(TimelineJson.write(HEADER, timeline));
		assertThat(json.get("stepSeconds").asLong()).isEqualTo(2);
		assertThat(json.get("points").asInt()).isEqualTo(3);
		assertThat(json.get("samples").asLong()).isEqualTo(10);
		JsonNode series = json.get("series").get(0);
		assertThat(series.get("tags").get("http.route").asString()).isEqualTo("/a");
		assertThat(series.get("samples").asLong()).isEqualTo(6);
		assertThat(series.get("values").toString()).isEqualTo("[1,2,3]");
		assertThat(json.get("others").get("tagSets").asInt()).isEqualTo(2);
		assertThat(json.get("others").get("values").toString()).isEqualTo("[0,0,4]");
	}

}
