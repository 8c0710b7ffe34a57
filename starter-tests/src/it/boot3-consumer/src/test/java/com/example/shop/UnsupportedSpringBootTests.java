package com.example.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Spring Boot 3 the starter backs off: one warning at startup names the supported range, the
 * application starts and serves, and the profiling endpoint does not exist.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnsupportedSpringBootTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	int port;

	@Test
	void startsServesAndWarnsOnceWithoutTheProfiler(CapturedOutput output) throws Exception {
		System.out.println("Consumer on Spring Boot " + SpringBootVersion.getVersion() + ", Java "
				+ Runtime.version());
		assertThat(get("/factorial/100").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/profiling").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/profiling/tree").statusCode()).isEqualTo(404);
		String warning = "Profiling for Spring Boot supports Spring Boot 4.0 and 4.1";
		assertThat(output.getAll()).contains(warning + " (Spring Boot 4.x), but this application runs Spring Boot "
				+ SpringBootVersion.getVersion());
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).as("one warning").hasSize(2);
		assertThat(output.getAll()).contains("WARN");
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
