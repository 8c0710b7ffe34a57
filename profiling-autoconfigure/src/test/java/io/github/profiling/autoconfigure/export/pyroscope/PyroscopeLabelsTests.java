package io.github.profiling.autoconfigure.export.pyroscope;

import io.github.profiling.autoconfigure.export.pyroscope.DecodedPush.Profile;
import io.github.profiling.context.TagSet;
import io.github.profiling.export.Pprof;
import io.github.profiling.model.FrameTable;
import io.github.profiling.store.TaggedTrees;
import io.github.profiling.tree.CallTree;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tag keys as Pyroscope label names, and the profile each event is pushed as. */
class PyroscopeLabelsTests {

	@Test
	void tagKeysBecomeValidLabelNames() {
		assertThat(PyroscopeLabels.labelName("http.route")).isEqualTo("http_route");
		assertThat(PyroscopeLabels.labelName("http.method")).isEqualTo("http_method");
		assertThat(PyroscopeLabels.labelName("X-Tenant")).isEqualTo("X_Tenant");
		assertThat(PyroscopeLabels.labelName("service_name")).isEqualTo("service_name");
		assertThat(PyroscopeLabels.labelName("1st.try")).isEqualTo("_1st_try");
		assertThat(PyroscopeLabels.labelName("région")).isEqualTo("r_gion");
		assertThat(PyroscopeLabels.labelName("")).isEqualTo("_");
		for (String key : new String[] { "a b", "a/b", "ü", "9", "--", "a.b.c" }) {
			assertThat(PyroscopeLabels.labelName(key)).matches("[a-zA-Z_][a-zA-Z0-9_]*");
		}
	}

	@Test
	void profileNamesAreThoseOfPyroscopesJavaProfiles() {
		assertThat(PyroscopeLabels.profileName(Pprof.Units.ofSampling("cpu", 10_000_000))).isEqualTo("process_cpu");
		assertThat(PyroscopeLabels.profileName(Pprof.Units.ofSampling("wall", 10_000_000))).isEqualTo("wall");
		assertThat(PyroscopeLabels.profileName(Pprof.Units.ofSampling("alloc", 10_000_000))).isEqualTo("memory");
		assertThat(PyroscopeLabels.profileName(Pprof.Units.ofSampling("lock", 10_000_000))).isEqualTo("mutex");
		assertThat(PyroscopeLabels.profileName(Pprof.Units.ofTracing())).isEqualTo("wall");
	}

	@Test
	void pprofLabelsAreRenamedAndAllocationWeighsBytes() throws IOException {
		FrameTable frames = new FrameTable(100);
		int run = frames.intern("com.example.Orders.create");
		int allocate = frames.intern("java.util.ArrayList.grow");
		CallTree orders = new CallTree();
		orders.add(new int[] { run, allocate }, 2, 4096);
		CallTree health = new CallTree();
		health.add(new int[] { run }, 1, 512);
		Map<TagSet, CallTree> trees = new LinkedHashMap<>();
		trees.put(TagSet.of(Map.of("http.route", "/orders", "http.method", "POST")), orders);
		trees.put(TagSet.of("http.route", "/health"), health);
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		TaggedTrees tagged = new TaggedTrees(trees, frames, from, from.plusSeconds(15));
		byte[] gzipped = Pprof.writeGzipped(tagged, Pprof.Units.ofSampling("alloc", 10_000_000),
				PyroscopeLabels::labelName);
		Profile profile;
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			profile = Profile.decode(in.readAllBytes());
		}
		assertThat(profile.sampleTypes()).containsExactly("alloc_space/bytes");
		assertThat(profile.periodType()).isEqualTo("space/bytes");
		assertThat(profile.start()).isEqualTo(from);
		assertThat(profile.durationNanos()).isEqualTo(15_000_000_000L);
		assertThat(profile.total(0, null, null)).isEqualTo(4096 + 512);
		assertThat(profile.total(0, "http_route", "/orders")).isEqualTo(4096);
		assertThat(profile.total(0, "http_route", "/health")).isEqualTo(512);
		assertThat(profile.samples()).allSatisfy((sample) -> assertThat(sample.labels().keySet())
			.allMatch((name) -> name.matches("[a-zA-Z_][a-zA-Z0-9_]*")));
		assertThat(profile.samples()).anySatisfy((sample) -> {
			assertThat(sample.frames()).containsExactly("java.util.ArrayList.grow", "com.example.Orders.create");
			assertThat(sample.labels()).containsEntry("http_method", "POST");
		});
	}

}
