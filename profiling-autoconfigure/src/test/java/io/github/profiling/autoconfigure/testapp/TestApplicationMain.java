package io.github.profiling.autoconfigure.testapp;

import org.springframework.boot.SpringApplication;

/**
 * Starts {@link TestApplication} in a JVM of its own, for tests that need its command
 * line.
 */
public final class TestApplicationMain {

	private TestApplicationMain() {
	}

	public static void main(String[] args) {
		SpringApplication.run(TestApplication.class, args);
	}

}
