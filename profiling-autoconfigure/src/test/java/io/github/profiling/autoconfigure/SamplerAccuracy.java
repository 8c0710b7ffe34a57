package io.github.profiling.autoconfigure;

import tools.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static io.github.profiling.autoconfigure.EndpointClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy check shared by the platform- and virtual-thread suites: with one sampler,
 * load {@code /light} and {@code /heavy} equally and check what the route trees say
 * against what the workload is (see {@code WorkloadApplication}). Prints the figures of
 * every run.
 */
final class SamplerAccuracy {

	private static final String APP = "io.github.profiling.autoconfigure.workload.WorkloadApplication$";

	static final String LIGHT_HANDLER = APP + "WorkloadController.light";

	static final String HEAVY_HANDLER = APP + "WorkloadController.heavy";

	static final String LIGHT_WORK = APP + "Workload.light";

	static final String HEAVY_WORK = APP + "Workload.heavy";

	/**
	 * Requests per route: about 2.5 s of CPU for /light and 5 s for /heavy, enough
	 * samples at 2 ms that a ratio read from them varies by a few percent only; requests
	 * of some 30 and 60 ms, so that what happens at a request's edges weighs little
	 * against its work.
	 */
	private static final int REQUESTS = 80;

	private SamplerAccuracy() {
	}

	/**
	 * The routes of a 2:1 workload, the handler frame each route's work runs under, and
	 * the leaf loop of each; {@code clients} load them at once.
	 */
	record Workload(String lightPath, String heavyPath, String lightHandler, String heavyHandler, String lightWork,
			String heavyWork, int clients) {

		/** {@code WorkloadApplication}, on Spring MVC. */
		static final Workload SERVLET = new Workload("/light", "/heavy", LIGHT_HANDLER, HEAVY_HANDLER, LIGHT_WORK,
				HEAVY_WORK, 2);

	}

	static void check(EndpointClient client, String sampler, String threads) throws Exception {
		check(client, sampler, threads, Workload.SERVLET);
	}

	static void check(EndpointClient client, String sampler, String threads, Workload workload) throws Exception {
		check(client, sampler, threads, workload, 2, REQUESTS);
	}

	/**
	 * The check on the jfr sampler's CPU-time sampling (JDK 25+ on Linux), at 10 ms:
	 * Linux fires CPU-clock timers at its scheduler's tick, 4 ms apart at HZ=250.
	 */
	static void checkCpuTimeSampling(EndpointClient client, String threads) throws Exception {
		assertThat(Runtime.version().feature()).as("JFR samples by CPU time on JDK 25+").isGreaterThanOrEqualTo(25);
		assertThat(System.getProperty("os.name")).as("JFR samples by CPU time on Linux").startsWith("Linux");
		assertThat(client.getJson(client.profiling("")).path("samplers").path("jfr").path("reason").asString(""))
			.contains("jdk.CPUTimeSample");
		check(client, "jfr", threads, Workload.SERVLET, 10, 4 * REQUESTS);
	}

	/**
	 * The check at {@code intervalMillis}, with {@code requests} per route: as many more
	 * requests as the interval is longer keep the samples as many.
	 */
	static void check(EndpointClient client, String sampler, String threads, Workload workload, int intervalMillis,
			int requests) throws Exception {
		String lightHandler = workload.lightHandler();
		String heavyHandler = workload.heavyHandler();
		String lightLoop = workload.lightWork();
		String heavyLoop = workload.heavyWork();
		JsonNode status = EndpointClient.parse(
				client
					.post(client.profiling(""),
							"{\"mode\":\"sampling\",\"sampler\":\"" + sampler + "\",\"event\":\"cpu\",\"interval\":\""
									+ intervalMillis + "ms\"}")
					.body());
		assertThat(status.path("sampler").asString("")).as(status.toString()).isEqualTo(sampler);
		// Warm up (JIT), let late samples of the warm-up arrive, then measure from a
		// clean store.
		load(client, workload, 20);
		Thread.sleep(1500);
		client.reset();
		long wallStart = System.nanoTime();
		long pipelineStart = samplerThreadsCpuNanos();
		load(client, workload, requests);
		long pipelineNanos = samplerThreadsCpuNanos() - pipelineStart;
		double seconds = (System.nanoTime() - wallStart) / 1e9;
		// async and jfr deliver up to about a second late: wait, bounded, until the trees
		// settle.
		JsonNode light = settledTree(client, workload.lightPath());
		JsonNode heavy = settledTree(client, workload.heavyPath());
		TreeAssertions.assertInvariants(light);
		TreeAssertions.assertInvariants(heavy);

		long lightSamples = light.get("samples").asLong();
		long heavySamples = heavy.get("samples").asLong();
		long lightWork = deep(light.get("root"), lightLoop);
		long heavyWork = deep(heavy.get("root"), heavyLoop);
		double ratio = (double) heavyWork / Math.max(1, lightWork);
		double lightOwn = share(deep(light.get("root"), lightHandler), lightSamples);
		double lightOther = share(deep(light.get("root"), heavyHandler), lightSamples);
		double heavyOwn = share(deep(heavy.get("root"), heavyHandler), heavySamples);
		double heavyOther = share(deep(heavy.get("root"), lightHandler), heavySamples);
		double lightLeaf = share(own(light.get("root"), lightLoop), lightWork);
		double heavyLeaf = share(own(heavy.get("root"), heavyLoop), heavyWork);
		double handlerOwn = share(own(light.get("root"), lightHandler) + own(heavy.get("root"), heavyHandler),
				deep(light.get("root"), lightHandler) + deep(heavy.get("root"), heavyHandler));
		System.out.printf(
				"accuracy sampler=%s java=%d threads=%s routes=%s: DEEP heavy/light %.3f (%d/%d); /light under own handler %.1f %%,"
						+ " under /heavy's %.1f %%; /heavy under own %.1f %%, under /light's %.1f %%;"
						+ " leaf OWN/DEEP %.1f %% / %.1f %%, handlers' OWN/DEEP %.1f %%;"
						+ " sampler threads' CPU %.1f ms/s over %.1f s; status: %s%n",
				sampler, Runtime.version().feature(), threads, workload.lightPath(), ratio, heavyWork, lightWork,
				lightOwn, lightOther, heavyOwn, heavyOther, lightLeaf, heavyLeaf, handlerOwn,
				pipelineNanos / 1e6 / seconds, seconds,
				client.getJson(client.profiling("")).get("samplers").get(sampler).get("reason").asString());

		assertThat(lightWork).as("samples of the light work").isGreaterThan(200);
		assertThat(ratio).as("DEEP heavy/light").isBetween(2 * 0.85, 2 * 1.15);
		assertThat(lightOwn).as("/light under its own handler; outside it: %s", outside(light, lightHandler))
			.isGreaterThanOrEqualTo(85);
		assertThat(heavyOwn).as("/heavy under its own handler; outside it: %s", outside(heavy, heavyHandler))
			.isGreaterThanOrEqualTo(85);
		assertThat(lightOther).as("/light under /heavy's handler").isLessThan(3);
		assertThat(heavyOther).as("/heavy under /light's handler").isLessThan(3);
		assertThat(lightLeaf).as("OWN/DEEP of the light loop").isGreaterThanOrEqualTo(90);
		assertThat(heavyLeaf).as("OWN/DEEP of the heavy loop").isGreaterThanOrEqualTo(90);
		assertThat(handlerOwn).as("OWN/DEEP of the handlers, which only call the loops").isLessThan(10);
	}

	/**
	 * {@code requests} to each route from the workload's clients, each alternating the
	 * routes.
	 */
	private static void load(EndpointClient client, Workload workload, int requests) throws Exception {
		int count = workload.clients();
		Clients.inParallel(count, (c) -> {
			for (int i = 0; i < requests / count; i++) {
				assertThat(client.get(client.base() + workload.lightPath()).statusCode()).isEqualTo(200);
				assertThat(client.get(client.base() + workload.heavyPath()).statusCode()).isEqualTo(200);
			}
		});
	}

	private static JsonNode settledTree(EndpointClient client, String route) throws InterruptedException {
		return settled(client, client.profiling("/tree?tag=" + encode("http.route:" + route)));
	}

	/**
	 * The tree at {@code url} once its sample count stops growing: late samplers deliver
	 * up to about a second late.
	 */
	static JsonNode settled(EndpointClient client, String url) throws InterruptedException {
		JsonNode tree = client.getJson(url);
		for (int i = 0; i < 20; i++) {
			Thread.sleep(500);
			JsonNode next = client.getJson(url);
			if (next.get("samples").asLong() == tree.get("samples").asLong() && i >= 3) {
				return next;
			}
			tree = next;
		}
		return tree;
	}

	private static long samplerThreadsCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("profiling-sampler")) {
				total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
			}
		}
		return total;
	}

	/**
	 * The heaviest leaf frames of a route's samples outside its handler, to explain a
	 * miss.
	 */
	private static String outside(JsonNode tree, String handler) {
		java.util.Map<String, Long> own = new java.util.HashMap<>();
		collectOutside(tree.get("root"), handler, own);
		return own.entrySet()
			.stream()
			.sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(8)
			.toList()
			.toString();
	}

	private static void collectOutside(JsonNode node, String handler, java.util.Map<String, Long> own) {
		if (node.get("name").asString().equals(handler)) {
			return;
		}
		if (node.get("own").asLong() > 0) {
			own.merge(node.get("name").asString(), node.get("own").asLong(), Long::sum);
		}
		node.get("children").forEach((child) -> collectOutside(child, handler, own));
	}

	private static double share(long part, long whole) {
		return 100.0 * part / Math.max(1, whole);
	}

	/** DEEP summed over the nodes named {@code name} (none nests in itself here). */
	static long deep(JsonNode node, String name) {
		if (node.get("name").asString().equals(name)) {
			return node.get("deep").asLong();
		}
		long sum = 0;
		for (JsonNode child : node.get("children")) {
			sum += deep(child, name);
		}
		return sum;
	}

	static long own(JsonNode node, String name) {
		long sum = node.get("name").asString().equals(name) ? node.get("own").asLong() : 0;
		for (JsonNode child : node.get("children")) {
			sum += own(child, name);
		}
		return sum;
	}

}
