package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.testapp.TestApplication;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** An open live stream does not hold up the graceful shutdown of the application. */
class LiveStreamShutdownTests {

	@Test
	void theApplicationStopsAtOnceWithAStreamOpen() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "server.shutdown=graceful",
					"management.endpoints.web.exposure.include=profiling", "management.profiling.mode=sampling",
					"management.profiling.sampler=jdk")
			.run();
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/profiling/live?interval=1s"))
				.header("Accept", "text/event-stream")
				.build();
			HttpResponse<InputStream> stream = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofInputStream());
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.body().read()).isNotEqualTo(-1);

			long start = System.nanoTime();
			context.close();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(millis).as("shutdown took %d ms", millis).isLessThan(2000);
			// The server ended the response: the client reads to its end.
			stream.body().readAllBytes();
		}
		finally {
			context.close();
		}
	}

}
