package io.github.profiling.autoconfigure.reactiveapp;

import io.github.profiling.autoconfigure.workload.WorkloadApplication;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import reactor.netty.resources.LoopResources;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accuracy workload on WebFlux: {@code light} and {@code heavy}, the heavy one
 * exactly twice the work, through three pairs of routes that run it on different threads:
 * {@code /loop/*} on the event loop that serves the request, {@code /elastic/*} on
 * {@code boundedElastic} through {@code subscribeOn}, and {@code /hop/*} half on the
 * event loop and half on a {@code parallel} thread after a {@code publishOn} hop. The
 * work of a route is always a call of its handler method ({@link Handlers#light},
 * {@link Handlers#heavy}), which only calls its loop. {@code /client/light} does the
 * light work in the callback of a {@code WebClient} call to {@code /ping}. Two event-loop
 * threads serve every connection, so that each serves many requests in turn.
 */
@SpringBootApplication
public class ReactiveWorkloadApplication {

	static final long LIGHT = WorkloadApplication.LIGHT_ITERATIONS;

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> twoEventLoops() {
		LoopResources loops = LoopResources.create("workload-http", 2, true);
		return (factory) -> factory.addServerCustomizers((server) -> server.runOn(loops));
	}

	@RestController
	static class ReactiveWorkloadController {

		private final WebClient web;

		ReactiveWorkloadController(ObservationRegistry observations) {
			// Observed, as an auto-configured builder's would be: the call is an
			// observation of its own, whose parent is the request's.
			this.web = WebClient.builder().observationRegistry(observations).build();
		}

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

		/**
		 * The work in the callback of a call to another route, on the client's thread.
		 */
		@GetMapping("/client/light")
		Mono<String> clientLight(ServerHttpRequest request) {
			return this.web.get()
				.uri(UriComponentsBuilder.fromUri(request.getURI())
					.replacePath("/ping")
					.replaceQuery(null)
					.build()
					.toUri())
				.retrieve()
				.bodyToMono(String.class)
				.map((pong) -> pong + Handlers.light(LIGHT));
		}

		@GetMapping("/loop/light")
		Mono<String> loopLight() {
			return Mono.fromCallable(() -> Long.toString(Handlers.light(LIGHT)));
		}

		@GetMapping("/loop/heavy")
		Mono<String> loopHeavy() {
			return Mono.fromCallable(() -> Long.toString(Handlers.heavy(2 * LIGHT)));
		}

		@GetMapping("/elastic/light")
		Mono<String> elasticLight() {
			return Mono.fromCallable(() -> Long.toString(Handlers.light(LIGHT)))
				.subscribeOn(Schedulers.boundedElastic());
		}

		@GetMapping("/elastic/heavy")
		Mono<String> elasticHeavy() {
			return Mono.fromCallable(() -> Long.toString(Handlers.heavy(2 * LIGHT)))
				.subscribeOn(Schedulers.boundedElastic());
		}

		@GetMapping("/hop/light")
		Mono<String> hopLight() {
			return Mono.fromCallable(() -> Handlers.light(LIGHT / 2))
				.publishOn(Schedulers.parallel())
				.map((first) -> Long.toString(first ^ Handlers.light(LIGHT / 2)));
		}

		@GetMapping("/hop/heavy")
		Mono<String> hopHeavy() {
			return Mono.fromCallable(() -> Handlers.heavy(LIGHT))
				.publishOn(Schedulers.parallel())
				.map((first) -> Long.toString(first ^ Handlers.heavy(LIGHT)));
		}

	}

	/** What a route's work starts with: it only calls the loop. */
	public static final class Handlers {

		private Handlers() {
		}

		static long light(long iterations) {
			return Loops.light(iterations);
		}

		static long heavy(long iterations) {
			return Loops.heavy(iterations);
		}

	}

	/** Two leaf methods with identical loops; all their time is OWN. */
	public static final class Loops {

		private Loops() {
		}

		static long light(long iterations) {
			long x = System.nanoTime() | 1;
			for (long i = 0; i < iterations; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			return x;
		}

		static long heavy(long iterations) {
			long x = System.nanoTime() | 1;
			for (long i = 0; i < iterations; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			return x;
		}

	}

}
