package io.github.profiling.store;

import io.github.profiling.context.TagSet;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TagFilterTest {

	private static final TagSet GET_A = TagSet.of(Map.of("method", "GET", "route", "/a"));

	private static final TagSet POST_A = TagSet.of(Map.of("method", "POST", "route", "/a"));

	private static final TagSet GET_B = TagSet.of(Map.of("method", "GET", "route", "/b"));

	private static TagFilter parse(String... conditions) {
		return TagFilter.parse(List.of(conditions));
	}

	@Test
	void aKeyValueConditionMatchesTagSetsWithThatTag() {
		TagFilter filter = parse("method:GET");
		assertThat(filter.isEmpty()).isFalse();
		assertThat(filter.matches(GET_A)).isTrue();
		assertThat(filter.matches(GET_B)).isTrue();
		assertThat(filter.matches(POST_A)).isFalse();
		assertThat(filter.matches(TagSet.EMPTY)).isFalse();
		assertThat(filter.matches(TagSet.of("other", "GET"))).isFalse();
	}

	@Test
	void commaSeparatedConditionsMustAllMatch() {
		TagFilter filter = parse("method:GET,route:/a");
		assertThat(filter.matches(GET_A)).isTrue();
		assertThat(filter.matches(GET_B)).isFalse();
		assertThat(filter.matches(POST_A)).isFalse();
	}

	@Test
	void repeatedConditionsMustAllMatchToo() {
		TagFilter filter = parse("method:GET", "route:/b");
		assertThat(filter.matches(GET_B)).isTrue();
		assertThat(filter.matches(GET_A)).isFalse();
	}

	@Test
	void spacesAroundConditionsAreIgnored() {
		TagFilter filter = parse(" method:GET , route:/a ");
		assertThat(filter.matches(GET_A)).isTrue();
		assertThat(filter.matches(GET_B)).isFalse();
	}

	@Test
	void theKeyEndsAtTheFirstColonSoValuesMayHoldColons() {
		TagFilter route = parse("http.route:/{id:\\d+}");
		assertThat(route.matches(TagSet.of("http.route", "/{id:\\d+}"))).isTrue();
		assertThat(route.matches(TagSet.of("http.route", "/{id}"))).isFalse();
		TagFilter url = parse("target:http://host:8080/a");
		assertThat(url.matches(TagSet.of("target", "http://host:8080/a"))).isTrue();
		assertThat(url.matches(TagSet.of("target:http", "//host:8080/a"))).isFalse();
	}

	@Test
	void noConditionsIsNoFilter() {
		assertThat(parse()).isSameAs(TagFilter.NONE);
		assertThat(parse("")).isSameAs(TagFilter.NONE);
		assertThat(parse(" , ")).isSameAs(TagFilter.NONE);
		assertThat(TagFilter.NONE.isEmpty()).isTrue();
		assertThat(TagFilter.NONE.matches(TagSet.EMPTY)).isTrue();
		assertThat(TagFilter.NONE.matches(GET_A)).isTrue();
	}

	@Test
	void rejectsConditionsWithoutKeyOrColon() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("method")).withMessageContaining("'method'");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(":GET")).withMessageContaining("':GET'");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("method:GET,oops")).withMessageContaining("'oops'");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("method:GET", "route/a"));
	}

}
