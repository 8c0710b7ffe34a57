package io.github.profiling.tracingapp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small shop for the tracing tests, whose package they trace: {@code /price/{items}}
 * prices {@code items} items (one {@code unitPrice} call each), {@code /stock/{item}} one
 * item.
 */
@SpringBootApplication
public class TracingTestApplication {

	/**
	 * The class names of the threads that served requests, to prove virtual threads were
	 * used.
	 */
	public static final Set<String> SERVING_THREAD_CLASSES = ConcurrentHashMap.newKeySet();

	@RestController
	static class ShopController {

		private final PriceCalculator calculator;

		ShopController(PriceCalculator calculator) {
			this.calculator = calculator;
		}

		@GetMapping("/price/{items}")
		String price(@PathVariable int items) {
			SERVING_THREAD_CLASSES.add(Thread.currentThread().getClass().getName());
			return String.valueOf(this.calculator.total(items));
		}

		@GetMapping("/stock/{item}")
		String stock(@PathVariable int item) {
			SERVING_THREAD_CLASSES.add(Thread.currentThread().getClass().getName());
			return String.valueOf(this.calculator.unitPrice(item));
		}

	}

	@Component
	static class PriceCalculator {

		long total(int items) {
			long total = 0;
			for (int item = 0; item < items; item++) {
				total += unitPrice(item);
			}
			return total;
		}

		long unitPrice(int item) {
			return 100 + (item * 7L) % 13;
		}

	}

}
