package io.github.profiling.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web shop shaped like the applications users run: Thymeleaf pages with layout
 * fragments, Spring Data JPA on an embedded H2 seeded at startup, a JSON API and
 * validated forms. Its stacks are deep (filters, MVC, Thymeleaf, Hibernate, H2) and many,
 * which is what the profiler's store and tagging must handle.
 */
@SpringBootApplication
public class ShopApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShopApplication.class, args);
	}

}
