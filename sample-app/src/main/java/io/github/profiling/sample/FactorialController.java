package io.github.profiling.sample;

import java.math.BigInteger;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Two routes with different profiles: {@code /{n}} burns CPU in {@link BigInteger},
 * {@code /sleep/{ms}} only waits, so it weighs nothing in a CPU profile and much in a
 * wall one. The {@code webflux} profile serves them reactively instead
 * ({@link ReactiveFactorialController}).
 */
@RestController
@Profile("!webflux")
public class FactorialController {

	static final int MAX_N = 50_000;

	static final long MAX_SLEEP_MILLIS = 10_000;

	@GetMapping("/{n}")
	public String factorial(@PathVariable int n) {
		if (n < 0 || n > MAX_N) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "n must be between 0 and " + MAX_N);
		}
		return Factorial.of(n).toString();
	}

	@GetMapping("/sleep/{ms}")
	public String sleep(@PathVariable long ms) throws InterruptedException {
		if (ms < 0 || ms > MAX_SLEEP_MILLIS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "ms must be between 0 and " + MAX_SLEEP_MILLIS);
		}
		Thread.sleep(ms);
		return "slept " + ms + " ms";
	}

}
