package io.github.profiling.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import io.github.profiling.viewer.testing.FakeProfilingServer;
import org.junit.jupiter.api.Test;

class SlowRequestsTest {

	@Test
	void readsTheKeptRequestsWithTheirTraces() {
		SlowRequests answer = SlowRequests.parse(FakeProfilingServer.REQUESTS_JSON);

		assertThat(answer.slowest()).isEqualTo(10);
		assertThat(answer.requests()).extracting(SlowRequest::id).containsExactly("1842", "1907", "77");
		SlowRequest slowest = answer.requests().get(0);
		assertThat(slowest.tags()).containsExactly(new Tag("http.method", "GET"), new Tag("http.route", "/{n}"));
		assertThat(slowest.label()).isEqualTo("http.method:GET http.route:/{n}");
		assertThat(slowest.start()).isEqualTo(Instant.parse("2026-12-02T18:00:12.345Z"));
		assertThat(slowest.durationMillis()).isEqualTo(412.7);
		assertThat(slowest.samples()).isEqualTo(38);
		assertThat(slowest.weight()).isEqualTo(38);
		assertThat(slowest.complete()).isTrue();
		assertThat(answer.requests().get(2).complete()).isFalse();
		assertThat(slowest.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(slowest.spanId()).isEqualTo("00f067aa0ba902b7");
		// without Micrometer Tracing the keys are absent
		assertThat(answer.requests().get(2).traceId()).isNull();
		assertThat(answer.requests().get(2).spanId()).isNull();
	}

	@Test
	void listsTheSlowestFirstWhateverTheOrderReceived() {
		SlowRequests answer = SlowRequests
			.parse("""
					{"requests":[{"id":"1","durationMillis":5},{"id":2,"durationMillis":50},{"id":"3","durationMillis":20}]}""");

		assertThat(answer.requests()).extracting(SlowRequest::id).containsExactly("2", "3", "1");
		assertThat(answer.requests()).extracting(SlowRequest::tags).containsOnly(List.of());
		assertThat(answer.requests().get(0).label()).isEqualTo("(untagged)");
		assertThat(answer.requests()).allMatch(SlowRequest::complete);
		assertThat(answer.slowest()).isZero();
	}

	@Test
	void refusesWhatIsNotARequestList() {
		assertThatThrownBy(() -> SlowRequests.parse("[]")).isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("the request list is a JSON object");
		assertThatThrownBy(() -> SlowRequests.parse("{\"root\":{}}")).isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("no \"requests\" array");
		assertThatThrownBy(() -> SlowRequests.parse("{\"requests\":[{\"durationMillis\":3}]}"))
			.isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("no \"id\"");
	}

	@Test
	void readsARequestsOwnTreeAndWhichRequestItIs() {
		RequestTree answer = RequestTree.parse(FakeProfilingServer.REQUEST_1842_TREE_JSON);

		assertThat(answer.request().id()).isEqualTo("1842");
		assertThat(answer.request().durationMillis()).isEqualTo(412.7);
		assertThat(answer.request().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		TreeDocument tree = answer.tree();
		assertThat(tree.samples()).isEqualTo(38);
		assertThat(tree.from()).isEqualTo(answer.request().start());
		assertThat(tree.root().child("app.Controller.report").child("app.Repository.slowQuery").deep()).isEqualTo(36);
	}

	@Test
	void refusesATreeThatDoesNotSayWhichRequestItIs() {
		assertThatThrownBy(() -> RequestTree.parse("{\"root\":{\"name\":\"all\"}}"))
			.isInstanceOf(TreeFormatException.class)
			.hasMessageContaining("no \"request\"");
	}

}
