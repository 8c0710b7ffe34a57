package io.github.profiling.integration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application secured the way the Spring Boot documentation shows for actuator
 * endpoints: {@code EndpointRequest} matches them on whatever port and base path they
 * live, viewers may read, only admins may write; the application's own routes are open.
 */
@SpringBootApplication
public class SecuredApplication {

	@Bean
	@Order(1)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/**")
				.hasRole("ADMIN")
				.anyRequest()
				.hasAnyRole("VIEWER", "ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("viewer").password("{noop}viewer-pw").roles("VIEWER").build(),
				User.withUsername("admin").password("{noop}admin-pw").roles("ADMIN").build());
	}

	@RestController
	static class Work {

		@GetMapping("/work/{n}")
		String work(@PathVariable int n) {
			long x = 0;
			for (int i = 0; i < n * 1000; i++) {
				x += Long.numberOfTrailingZeros(i) ^ i;
			}
			return Long.toString(x);
		}

	}

}
