package io.github.profiling.autoconfigure.workload;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accuracy workload: {@code /light} and {@code /heavy} call methods that run the same
 * loop, the heavy one exactly twice as many iterations. A profiler that reads it right
 * shows a 2:1 ratio, each route's weight under its own handler, and the loop's weight as
 * the leaf's OWN.
 */
@SpringBootApplication
public class WorkloadApplication {

	public static final long LIGHT_ITERATIONS = 20_000_000;

	@RestController
	static class WorkloadController {

		@GetMapping("/light")
		String light() {
			return Long.toString(Workload.light());
		}

		@GetMapping("/heavy")
		String heavy() {
			return Long.toString(Workload.heavy());
		}

	}

	/**
	 * Two leaf methods with identical loops; no calls inside, so all their time is OWN.
	 */
	public static final class Workload {

		private Workload() {
		}

		static long light() {
			long x = System.nanoTime() | 1;
			for (long i = 0; i < LIGHT_ITERATIONS; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			return x;
		}

		static long heavy() {
			long x = System.nanoTime() | 1;
			for (long i = 0; i < 2 * LIGHT_ITERATIONS; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			return x;
		}

	}

}
