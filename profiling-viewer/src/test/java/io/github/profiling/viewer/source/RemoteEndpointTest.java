package io.github.profiling.viewer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.profiling.viewer.model.Tag;
import org.junit.jupiter.api.Test;

class RemoteEndpointTest {

	private final RemoteEndpoint endpoint = new RemoteEndpoint("http://127.0.0.1:8080/actuator/profiling/",
			Credentials.NONE);

	@Test
	void buildsTheLiveUrlWithEncodedParameters() {
		assertThat(endpoint.liveUri("1s", 10, List.of(new Tag("http.route", "/{n}"), new Tag("tenant", "a b"))))
			.hasToString("http://127.0.0.1:8080/actuator/profiling/live?interval=1s&seconds=10"
					+ "&tag=http.route%3A%2F%7Bn%7D&tag=tenant%3Aa+b");
		assertThat(endpoint.liveUri(null, null, List.of()))
			.hasToString("http://127.0.0.1:8080/actuator/profiling/live");
		assertThat(endpoint.tagsUri(60)).hasToString("http://127.0.0.1:8080/actuator/profiling/tags?seconds=60");
	}

	@Test
	void asksEveryLiveTreeForTheFocus() {
		var focused = new RemoteEndpoint("http://127.0.0.1:8080/actuator/profiling", Credentials.NONE, "app");
		assertThat(focused.liveUri("1s", null, List.of(new Tag("http.route", "/{n}")))).hasToString(
				"http://127.0.0.1:8080/actuator/profiling/live?interval=1s&tag=http.route%3A%2F%7Bn%7D" + "&focus=app");
	}

	@Test
	void asksForTheKeptRequestsOfTheTagsAndWindowAndForOneRequestsTree() {
		assertThat(endpoint.requestsUri(60, List.of(new Tag("http.route", "/{n}"))))
			.hasToString("http://127.0.0.1:8080/actuator/profiling/requests?seconds=60&tag=http.route%3A%2F%7Bn%7D");
		assertThat(endpoint.requestsUri(null, List.of()))
			.hasToString("http://127.0.0.1:8080/actuator/profiling/requests");
		assertThat(endpoint.requestTreeUri("1842"))
			.hasToString("http://127.0.0.1:8080/actuator/profiling/tree?request=1842");
		var focused = new RemoteEndpoint("http://127.0.0.1:8080/actuator/profiling", Credentials.NONE, "app");
		assertThat(focused.requestTreeUri("a b"))
			.hasToString("http://127.0.0.1:8080/actuator/profiling/tree?request=a+b&focus=app");
	}

	@Test
	void sendsCredentials() {
		var basic = new RemoteEndpoint("http://127.0.0.1:1/p", new Credentials.Basic("ops", "s3cret"));
		var bearer = new RemoteEndpoint("http://127.0.0.1:1/p", new Credentials.Bearer("abc"));

		assertThat(basic.get(basic.tagsUri(1), "application/json").build().headers().firstValue("Authorization"))
			.hasValue("Basic b3BzOnMzY3JldA==");
		assertThat(bearer.get(bearer.tagsUri(1), "application/json").build().headers().firstValue("Authorization"))
			.hasValue("Bearer abc");
		assertThat(endpoint.get(endpoint.tagsUri(1), "text/event-stream").build().headers().firstValue("Accept"))
			.hasValue("text/event-stream");
	}

	@Test
	void explainsFailuresWithTheServersErrorMessage() {
		assertThat(RemoteEndpoint.describeFailure(400, "{\"error\":\"must be positive\",\"parameter\":\"seconds\"}"))
			.isEqualTo("HTTP 400: must be positive (parameter seconds)");
		assertThat(RemoteEndpoint.describeFailure(401, "")).contains("--user").contains("--token");
		assertThat(RemoteEndpoint.describeFailure(404, "")).contains("exposed");
		assertThat(RemoteEndpoint.describeFailure(503, "Service Unavailable\nmore"))
			.isEqualTo("HTTP 503: Service Unavailable");
	}

	@Test
	void intervalsAreANumberAndAUnit() {
		assertThat(Intervals.parse("500ms").toMillis()).isEqualTo(500);
		assertThat(Intervals.parse("2s").toMillis()).isEqualTo(2000);
		assertThat(Intervals.parse("1m").toSeconds()).isEqualTo(60);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Intervals.parse("1h"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ms, s or m");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Intervals.parse("0s"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("longer than zero");
	}

}
