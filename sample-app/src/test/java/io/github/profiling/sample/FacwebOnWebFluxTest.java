package io.github.profiling.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facweb demo in its {@code webflux} profile: a reactive server, and the profile of
 * route {@code /{n}} shows the factorial's {@code BigInteger} work, computed on
 * {@code boundedElastic}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.profiling.sampler=jdk", "management.profiling.interval=5ms" })
@ActiveProfiles("webflux")
class FacwebOnWebFluxTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theRouteOfTheFactorialShowsItsWorkOnAReactiveServer() throws Exception {
		assertThat(((WebServerApplicationContext) this.context).getWebServer().getClass().getSimpleName())
			.isEqualTo("NettyWebServer");
		for (int i = 0; i < 40; i++) {
			assertThat(get("/20000").statusCode()).isEqualTo(200);
		}
		assertThat(get("/-1").statusCode()).isEqualTo(400);
		String route = URLEncoder.encode("http.route:/{n}", StandardCharsets.UTF_8);
		HttpResponse<String> tree = get("/actuator/profiling/tree?thread=boundedElastic&tag=" + route);
		assertThat(tree.statusCode()).isEqualTo(200);
		assertThat(tree.body()).contains("java.math.BigInteger.multiply");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
