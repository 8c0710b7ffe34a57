package io.github.profiling.shop;

import java.time.Duration;

import io.github.profiling.shop.load.ShopLoad;
import io.github.profiling.shop.probe.ProfilingClient;
import io.github.profiling.shop.probe.RunningShop;
import io.github.profiling.shop.probe.TreeFigures;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop gives the profiler what real applications give it: pages rendered by Thymeleaf
 * after the handler returned, Hibernate and JDBC under the API, stacks over 100 frames
 * deep and thousands of distinct stacks. If these figures drop, the shop no longer tests
 * what it is for.
 */
class StackShapeIT {

	private static final Duration WARM_UP = Duration.ofSeconds(10);

	private static final Duration LOAD = Duration.ofSeconds(20);

	// On a busy machine 20 s may give too few samples of a route to judge its shape: go
	// on, up to this.
	private static final Duration MAX_LOAD = Duration.ofSeconds(60);

	private static final long PAGE_SAMPLES = 200;

	private static final long API_SAMPLES = 50;

	@Test
	void pagesRenderInThymeleafApiRoutesQueryThroughHibernateAndStacksAreDeepAndMany() throws Exception {
		try (RunningShop shop = RunningShop.inProcess("management.profiling.mode=sampling")) {
			ProfilingClient profiling = shop.profiling();
			// JIT compilation of a cold JVM would be most of the profile: warm up, then
			// start afresh.
			ShopLoad.run(shop.port(), 4, WARM_UP, 100_000).assertClean();
			profiling.reset();
			ShopLoad.Result load;
			try (ShopLoad running = ShopLoad.start(shop.port(), 4, MAX_LOAD, 500_000)) {
				Thread.sleep(LOAD.toMillis());
				long started = System.nanoTime();
				while (System.nanoTime() - started < MAX_LOAD.minus(LOAD).toNanos()
						&& (TreeFigures.total(profiling.routeTree("/products/{id}")) < PAGE_SAMPLES
								|| TreeFigures.total(profiling.routeTree("/api/orders/{id}")) < API_SAMPLES)) {
					Thread.sleep(2000);
				}
				running.close();
				load = running.result().assertClean();
			}
			JsonNode status = profiling.status();
			JsonNode all = profiling.tree("");
			JsonNode page = profiling.routeTree("/products/{id}");
			JsonNode customerPage = profiling.routeTree("/customers/{customerId}");
			JsonNode api = profiling.routeTree("/api/orders/{id}");

			long pageThymeleaf = TreeFigures.weightUnder(page, "org.thymeleaf.");
			long pageThymeleafOutsideHandler = TreeFigures.weightUnder(page, "org.thymeleaf.",
					"io.github.profiling.shop.web.ProductController.show");
			long customerHibernateInView = TreeFigures.weightUnder(customerPage, "org.hibernate.",
					"io.github.profiling.shop.web.CustomerController.show");
			long apiHibernate = TreeFigures.weightUnder(api, "org.hibernate.");
			long apiJdbc = TreeFigures.weightUnder(api, "org.h2.");
			int depth = TreeFigures.maxDepth(all);
			int pageDepth = TreeFigures.maxDepth(page);
			long stacks = TreeFigures.distinctStacks(all);
			System.out.printf("[shape] sampler %s, %s; %d samples (%.0f/s), %d nodes in the cumulative tree%n",
					status.get("sampler").asString(), load, TreeFigures.total(all),
					TreeFigures.total(all) / load.seconds(), TreeFigures.nodes(all));
			System.out.printf(
					"[shape] /products/{id}: %d samples, Thymeleaf %d (%d outside ProductController.show), max depth %d%n",
					TreeFigures.total(page), pageThymeleaf, pageThymeleafOutsideHandler, pageDepth);
			System.out.printf(
					"[shape] /customers/{customerId}: %d samples, Hibernate outside the handler (in the view) %d%n",
					TreeFigures.total(customerPage), customerHibernateInView);
			System.out.printf("[shape] /api/orders/{id}: %d samples, Hibernate %d, H2 JDBC %d%n",
					TreeFigures.total(api), apiHibernate, apiJdbc);
			System.out.printf("[shape] whole tree: max stack depth %d frames, %d distinct stacks, truncated %.2f %%%n",
					depth, stacks, 100 * TreeFigures.truncatedShare(all));

			assertThat(TreeFigures.total(page)).as("samples of /products/{id}").isGreaterThanOrEqualTo(PAGE_SAMPLES);
			assertThat(pageThymeleaf).as("Thymeleaf under /products/{id}").isGreaterThan(TreeFigures.total(page) / 10);
			assertThat(pageThymeleafOutsideHandler).as("Thymeleaf rendering after ProductController.show returned")
				.isGreaterThan(TreeFigures.total(page) / 10);
			assertThat(customerHibernateInView).as("Hibernate lazy loading while /customers/{customerId} renders")
				.isGreaterThan(0);
			assertThat(TreeFigures.total(api)).as("samples of /api/orders/{id}").isGreaterThanOrEqualTo(API_SAMPLES);
			assertThat(apiHibernate).as("Hibernate under /api/orders/{id}").isGreaterThan(TreeFigures.total(api) / 50);
			assertThat(apiJdbc).as("H2 JDBC under /api/orders/{id}").isGreaterThan(0);
			assertThat(depth).as("deepest stack").isGreaterThanOrEqualTo(100);
			assertThat(stacks).as("distinct stacks").isGreaterThanOrEqualTo(1000);
		}
	}

}
