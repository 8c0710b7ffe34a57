package io.github.profiling.context;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TagSetTest {

	@Test
	void tagsAreSortedByKeyWhateverTheOrderGiven() {
		TagSet tags = TagSet.of(Map.of("z", "1", "a", "2", "m", "3"));
		assertThat(tags.asMap().keySet()).containsExactly("a", "m", "z");
		assertThat(tags.key(0)).isEqualTo("a");
		assertThat(tags.value(0)).isEqualTo("2");
		assertThat(tags.size()).isEqualTo(3);
		assertThat(tags.get("m")).isEqualTo("3");
		assertThat(tags.get("b")).isNull();
	}

	@Test
	void equalTagsAreEqualSets() {
		Map<String, String> map = new HashMap<>();
		map.put("route", "/{n}");
		map.put("method", "GET");
		TagSet a = TagSet.of(map);
		TagSet b = TagSet.of(Map.of("method", "GET")).with(TagSet.of("route", "/{n}"));
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a).isNotEqualTo(TagSet.of(Map.of("method", "POST", "route", "/{n}")));
		assertThat(TagSet.of(Map.of())).isSameAs(TagSet.EMPTY);
	}

	@Test
	void withAddsTagsAndTheOtherWinsOnTheSameKey() {
		TagSet base = TagSet.of(Map.of("a", "1", "b", "2"));
		TagSet merged = base.with(TagSet.of(Map.of("b", "3", "c", "4")));
		assertThat(merged.asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "3"), Map.entry("c", "4"));
		assertThat(base.with(TagSet.EMPTY)).isSameAs(base);
		assertThat(TagSet.EMPTY.with(base)).isSameAs(base);
	}

	@Test
	void containsAllChecksEveryFilterTag() {
		TagSet tags = TagSet.of(Map.of("method", "GET", "route", "/a"));
		assertThat(tags.containsAll(TagSet.of("method", "GET"))).isTrue();
		assertThat(tags.containsAll(tags)).isTrue();
		assertThat(tags.containsAll(TagSet.EMPTY)).isTrue();
		assertThat(tags.containsAll(TagSet.of("method", "POST"))).isFalse();
		assertThat(tags.containsAll(TagSet.of(Map.of("method", "GET", "tenant", "t")))).isFalse();
	}

	@Test
	void rejectsEmptyKeysAndNulls() {
		assertThatIllegalArgumentException().isThrownBy(() -> TagSet.of("", "v"));
		assertThatNullPointerException().isThrownBy(() -> TagSet.of(null, "v"));
		assertThatNullPointerException().isThrownBy(() -> TagSet.of("k", null));
		Map<String, String> withNull = new HashMap<>();
		withNull.put("k", null);
		assertThatNullPointerException().isThrownBy(() -> TagSet.of(withNull));
	}

	@Test
	void internedTagSetsGetStableIds() {
		TagSets sets = new TagSets(100);
		assertThat(sets.intern(TagSet.EMPTY)).isEqualTo(TagSets.EMPTY_ID);
		int a = sets.intern(TagSet.of("k", "a"));
		int b = sets.intern(TagSet.of("k", "b"));
		assertThat(a).isNotEqualTo(b).isNotEqualTo(TagSets.EMPTY_ID);
		assertThat(sets.intern(TagSet.of("k", "a"))).isEqualTo(a);
		assertThat(sets.get(a)).isEqualTo(TagSet.of("k", "a"));
		assertThat(sets.get(b)).isEqualTo(TagSet.of("k", "b"));
		assertThat(sets.get(TagSets.EMPTY_ID)).isSameAs(TagSet.EMPTY);
	}

	@Test
	void tagSetsBeyondTheCapShareTheOverflowId() {
		TagSets sets = new TagSets(4);
		int overflow = sets.intern(TagSets.OVERFLOW);
		int a = sets.intern(TagSet.of("k", "a"));
		int b = sets.intern(TagSet.of("k", "b"));
		assertThat(List.of(a, b)).doesNotContain(overflow, TagSets.EMPTY_ID);
		assertThat(sets.size()).isEqualTo(4);

		for (int i = 0; i < 100; i++) {
			int id = sets.intern(TagSet.of("k", "more-" + i));
			assertThat(id).isEqualTo(overflow);
			assertThat(sets.get(id)).isSameAs(TagSets.OVERFLOW);
		}
		assertThat(sets.size()).isEqualTo(4);
		assertThat(sets.intern(TagSet.of("k", "a"))).isEqualTo(a);
		assertThat(sets.keys()).containsExactly("k");
	}

	@Test
	void manyTagSetsGrowTheTable() {
		TagSets sets = new TagSets(10_000);
		for (int i = 0; i < 1000; i++) {
			int id = sets.intern(TagSet.of("n", Integer.toString(i)));
			assertThat(sets.get(id).get("n")).isEqualTo(Integer.toString(i));
		}
		assertThat(sets.size()).isEqualTo(1002);
		assertThat(sets.keys()).containsExactly("n");
	}

	@Test
	void aCapBelowTwoIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TagSets(1));
	}

	@Test
	void oneKeyWithTooManyValuesOverflowsThatKeyOnly() {
		TagSets sets = new TagSets(10_000);
		for (int i = 0; i < 10_000; i++) {
			sets.intern(TagSet.of(Map.of("http.route", "/a", "x-tenant", "tenant-" + i)));
		}
		// A tenth of the capacity of distinct values per key: the first 1000 tenants are
		// kept.
		assertThat(sets.get(sets.intern(TagSet.of(Map.of("http.route", "/a", "x-tenant", "tenant-999")))))
			.isEqualTo(TagSet.of(Map.of("http.route", "/a", "x-tenant", "tenant-999")));
		assertThat(sets.get(sets.intern(TagSet.of(Map.of("http.route", "/a", "x-tenant", "tenant-5000")))))
			.isEqualTo(TagSet.of(Map.of("http.route", "/a", "x-tenant", "[overflow]")));
		// A new route is still recorded as itself, with a known tenant or the tenant
		// overflowed.
		assertThat(sets.get(sets.intern(TagSet.of(Map.of("http.route", "/new", "x-tenant", "tenant-1")))))
			.isEqualTo(TagSet.of(Map.of("http.route", "/new", "x-tenant", "tenant-1")));
		assertThat(sets.get(sets.intern(TagSet.of(Map.of("http.route", "/other", "x-tenant", "tenant-7777")))))
			.isEqualTo(TagSet.of(Map.of("http.route", "/other", "x-tenant", "[overflow]")));
		assertThat(sets.size()).isLessThan(1010);
	}

	@Test
	void longValuesAreCut() {
		TagSets sets = new TagSets(100);
		String value = sets.get(sets.intern(TagSet.of("x-tenant", "v".repeat(100_000)))).get("x-tenant");
		assertThat(value).hasSize(201).startsWith("vvv").endsWith("…");
	}

}
