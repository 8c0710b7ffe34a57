package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML pages carry a {@code Content-Security-Policy}: nothing is loaded but the page
 * itself, and only the viewer talks to the server it came from. The browser tests run the
 * pages under the same policy.
 */
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
				"management.profiling.sampler=jdk" })
class PagePolicyTests {

	private static final String PAGE_ITSELF = "default-src 'none'; script-src 'unsafe-inline'; "
			+ "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/ui|; connect-src 'self'", "/flamegraph|; connect-src 'none'" })
	void pagesAllowNothingButThemselves(String view, String connect) throws Exception {
		EndpointClient client = new EndpointClient(this.port);
		client.load("/2000", 1, 10);
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(client.profiling(view))).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(PAGE_ITSELF + connect);
		assertThat(page.body()).startsWith("<!DOCTYPE html>");
	}

}
