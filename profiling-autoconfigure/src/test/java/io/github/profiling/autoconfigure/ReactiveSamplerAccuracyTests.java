package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.reactiveapp.ReactiveWorkloadApplication;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every sampler reads the 2:1 workload as 2:1 on WebFlux, and charges each route's work
 * to that route, wherever it runs: on the event loop, on {@code boundedElastic} through
 * {@code subscribeOn}, half on each side of a {@code publishOn} hop. Eight clients at
 * once keep the few event-loop threads serving slices of many requests in turn. The build
 * runs this class on the default JDK and again on the JDK 21+ of
 * {@code virtual-threads.jdk}.
 */
@DirtiesContext
@SpringBootTest(classes = ReactiveWorkloadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=profiling",
				"management.endpoint.profiling.access=unrestricted", "management.profiling.mode=sampling" })
class ReactiveSamplerAccuracyTests {

	private static final String APP = ReactiveWorkloadApplication.class.getName() + "$";

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0} on {1}")
	// async first: on JDK 25 async-profiler 4.5 does not start in a JVM where jfr ran
	// before it (the pom says more).
	@CsvSource({ "async, loop", "async, elastic", "async, hop", "jfr, loop", "jfr, elastic", "jfr, hop", "jdk, loop",
			"jdk, elastic", "jdk, hop" })
	void readsTheWorkloadRight(String sampler, String where) throws Exception {
		SamplerAccuracy.Workload workload = new SamplerAccuracy.Workload("/" + where + "/light", "/" + where + "/heavy",
				APP + "Handlers.light", APP + "Handlers.heavy", APP + "Loops.light", APP + "Loops.heavy", 4);
		SamplerAccuracy.check(new EndpointClient(this.port), sampler, "reactive", workload);
	}

}
