package io.github.profiling.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The facweb demo: {@code GET /{n}} computes n!, so that a load on it makes the live call
 * tree show {@code java.math.BigInteger.multiply} under route {@code /{n}}.
 */
@SpringBootApplication
public class FacwebApplication {

	public static void main(String[] args) {
		SpringApplication.run(FacwebApplication.class, args);
	}

}
