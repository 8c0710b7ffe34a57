package io.github.profiling.autoconfigure.testapp;

import java.math.BigInteger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small facweb for the endpoint tests: {@code /{n}} burns CPU, {@code /sleep/{ms}}
 * waits.
 */
@SpringBootApplication
public class TestApplication {

	/**
	 * The class names of the threads that served requests, to prove virtual threads were
	 * used.
	 */
	public static final Set<String> SERVING_THREAD_CLASSES = ConcurrentHashMap.newKeySet();

	@RestController
	static class FactorialController {

		@GetMapping("/{n}")
		String factorial(@PathVariable int n) {
			SERVING_THREAD_CLASSES.add(Thread.currentThread().getClass().getName());
			BigInteger result = BigInteger.ONE;
			for (int i = 2; i <= n; i++) {
				result = result.multiply(BigInteger.valueOf(i));
			}
			return result.toString();
		}

		@GetMapping("/sleep/{ms}")
		String sleep(@PathVariable long ms) throws InterruptedException {
			Thread.sleep(ms);
			return "slept";
		}

	}

}
