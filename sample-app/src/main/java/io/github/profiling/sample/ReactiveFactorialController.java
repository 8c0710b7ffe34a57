package io.github.profiling.sample;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The routes of {@link FactorialController} on WebFlux (profile {@code webflux}): n! is
 * computed on {@code boundedElastic}, off the event loop, and the sleep is a timer that
 * holds no thread. The profile still shows the work under route {@code /{n}}.
 */
@RestController
@Profile("webflux")
public class ReactiveFactorialController {

	@GetMapping("/{n}")
	public Mono<String> factorial(@PathVariable int n) {
		if (n < 0 || n > FactorialController.MAX_N) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"n must be between 0 and " + FactorialController.MAX_N));
		}
		return Mono.fromCallable(() -> Factorial.of(n).toString()).subscribeOn(Schedulers.boundedElastic());
	}

	@GetMapping("/sleep/{ms}")
	public Mono<String> sleep(@PathVariable long ms) {
		if (ms < 0 || ms > FactorialController.MAX_SLEEP_MILLIS) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"ms must be between 0 and " + FactorialController.MAX_SLEEP_MILLIS));
		}
		return Mono.delay(Duration.ofMillis(ms)).map((tick) -> "slept " + ms + " ms");
	}

}
