package io.github.profiling.shop.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.github.profiling.shop.DataInitializer;

/**
 * A mixed load on the shop, as its users would put on it: every page and API route, GETs
 * and the two form POSTs (valid and invalid). Bounded in time and in count, and aimed
 * only at 127.0.0.1. Any answer other than the one expected counts as a failure.
 */
public final class ShopLoad implements AutoCloseable {

	private static final String[] SORTS = { "name", "price", "stock" };

	private static final String[] SLUGS = { "kitchen", "garden", "books", "music", "outdoor", "office", "toys",
			"lighting", "bath", "tools", "travel", "tea" };

	private static final String[] WORDS = { "lamp", "oak", "mug", "tent", "ceramic", "radio", "1" };

	private static final String[] LETTERS = { "", "A", "B", "C", "D", "G", "K", "M", "N", "P", "R", "S", "T", "V" };

	/** A route of the mix, its weight in the mix and how to make one request of it. */
	private record Route(String name, int weight, RequestMaker maker, int expectedStatus) {
	}

	@FunctionalInterface
	private interface RequestMaker {

		HttpRequest make(String base, Random random);

	}

	private static final List<Route> ROUTES = List.of(get("GET /", 5, (random) -> "/"),
			get("GET /catalog", 7, (random) -> "/catalog?page=" + random.nextInt(13) + "&sort=" + pick(random, SORTS)),
			get("GET /catalog/{slug}", 7,
					(random) -> "/catalog/" + pick(random, SLUGS) + "?sort=" + pick(random, SORTS)),
			get("GET /catalog?q", 3, (random) -> "/catalog?q=" + pick(random, WORDS)),
			get("GET /products/{id}", 16, (random) -> "/products/" + productId(random)),
			get("GET /customers", 4, (random) -> "/customers?lastName=" + pick(random, LETTERS)),
			get("GET /customers/{customerId}", 10, (random) -> "/customers/" + customerId(random)),
			get("GET /customers/{customerId}/orders/new", 2,
					(random) -> "/customers/" + customerId(random) + "/orders/new"),
			get("GET /orders", 5, (random) -> "/orders?page=" + random.nextInt(30)),
			get("GET /orders/{orderId}", 8, (random) -> "/orders/" + orderId(random)),
			get("GET /api/products", 7,
					(random) -> random.nextBoolean() ? "/api/products?page=" + random.nextInt(13)
							: "/api/products?category=" + pick(random, SLUGS) + "&sort=" + pick(random, SORTS)),
			get("GET /api/products/{id}", 8, (random) -> "/api/products/" + productId(random)),
			get("GET /api/orders/{id}", 8, (random) -> "/api/orders/" + orderId(random)),
			get("GET /api/customers/{customerId}/orders", 4,
					(random) -> "/api/customers/" + customerId(random) + "/orders"),
			post("POST /products/{id}/reviews (valid)", 1, (random) -> "/products/" + productId(random) + "/reviews",
					(random) -> "author=Load+" + random.nextInt(100) + "&rating=" + (1 + random.nextInt(5)) + "&text="
							+ URLEncoder.encode("Bought it twice, works as described.", StandardCharsets.UTF_8),
					302),
			post("POST /products/{id}/reviews (invalid)", 3, (random) -> "/products/" + productId(random) + "/reviews",
					(random) -> "author=&rating=" + (6 + random.nextInt(4)) + "&text=short", 200),
			post("POST /customers/{customerId}/orders (valid)", 1,
					(random) -> "/customers/" + customerId(random) + "/orders",
					(random) -> "productId=" + productId(random) + "&quantity=" + (1 + random.nextInt(3)), 302),
			post("POST /customers/{customerId}/orders (invalid)", 2,
					(random) -> "/customers/" + customerId(random) + "/orders",
					(random) -> "productId=" + productId(random) + "&quantity=" + (21 + random.nextInt(50)), 200));

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final int clients;

	private final long maxRequests;

	private final ExecutorService pool;

	private final AtomicBoolean stop = new AtomicBoolean();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLongArray perRoute = new AtomicLongArray(ROUTES.size());

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private final AtomicLong failureCount = new AtomicLong();

	private final long startedAt;

	private volatile long deadline;

	private ShopLoad(int port, int clients, Duration limit, long maxRequests) {
		this.base = "http://127.0.0.1:" + port;
		this.clients = clients;
		this.maxRequests = maxRequests;
		this.pool = Executors.newFixedThreadPool(clients, (task) -> {
			Thread thread = new Thread(task, "shop-load");
			thread.setDaemon(true);
			return thread;
		});
		this.startedAt = System.nanoTime();
		this.deadline = this.startedAt + limit.toNanos();
	}

	/**
	 * Starts {@code clients} clients sending the mix to the shop on
	 * 127.0.0.1:{@code port} until {@code limit} has passed, {@code maxRequests} were
	 * sent or {@link #close()} is called.
	 */
	public static ShopLoad start(int port, int clients, Duration limit, long maxRequests) {
		ShopLoad load = new ShopLoad(port, clients, limit, maxRequests);
		for (int i = 0; i < clients; i++) {
			long seed = 1000L + i;
			load.pool.execute(() -> load.client(new Random(seed)));
		}
		return load;
	}

	/** Runs the mix for {@code duration} and returns what was sent. */
	public static Result run(int port, int clients, Duration duration, long maxRequests) throws InterruptedException {
		try (ShopLoad load = start(port, clients, duration, maxRequests)) {
			load.awaitEnd(duration.plusSeconds(40));
			return load.result();
		}
	}

	private void client(Random random) {
		int totalWeight = ROUTES.stream().mapToInt(Route::weight).sum();
		while (!this.stop.get() && System.nanoTime() < this.deadline) {
			if (this.sent.incrementAndGet() > this.maxRequests) {
				return;
			}
			int choice = random.nextInt(totalWeight);
			int index = 0;
			while (choice >= ROUTES.get(index).weight()) {
				choice -= ROUTES.get(index).weight();
				index++;
			}
			Route route = ROUTES.get(index);
			HttpRequest request = route.maker().make(this.base, random);
			try {
				HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
				if (response.statusCode() != route.expectedStatus()) {
					fail(route.name() + " " + request.uri() + " answered " + response.statusCode() + ": "
							+ new String(response.body(), StandardCharsets.UTF_8).lines().limit(3).toList());
				}
				else {
					this.perRoute.incrementAndGet(index);
				}
			}
			catch (IOException ex) {
				if (!this.stop.get()) {
					fail(route.name() + " " + request.uri() + " failed: " + ex);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void fail(String failure) {
		if (this.failureCount.incrementAndGet() <= 10) {
			this.failures.add(failure);
		}
	}

	/** Waits for the clients to finish, at most {@code timeout}. */
	public void awaitEnd(Duration timeout) throws InterruptedException {
		this.pool.shutdown();
		if (!this.pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("the load did not end within " + timeout);
		}
	}

	/** Requests answered as expected so far, by route, and the failures. */
	public Result result() {
		Map<String, Long> byRoute = new TreeMap<>();
		long total = 0;
		for (int i = 0; i < ROUTES.size(); i++) {
			byRoute.put(ROUTES.get(i).name(), this.perRoute.get(i));
			total += this.perRoute.get(i);
		}
		double seconds = (System.nanoTime() - this.startedAt) / 1e9;
		return new Result(total, seconds, byRoute, this.failureCount.get(), new ArrayList<>(this.failures));
	}

	@Override
	public void close() throws InterruptedException {
		this.stop.set(true);
		this.pool.shutdownNow();
		this.pool.awaitTermination(30, TimeUnit.SECONDS);
	}

	/**
	 * What a load sent: answered requests by route, and the failures (the first ten of
	 * them).
	 */
	public record Result(long requests, double seconds, Map<String, Long> byRoute, long failureCount,
			List<String> failures) {

		public double requestsPerSecond() {
			return this.requests / this.seconds;
		}

		/** Fails unless every request was answered as expected. */
		public Result assertClean() {
			if (this.failureCount > 0) {
				throw new AssertionError(this.failureCount + " requests failed, e.g. " + this.failures);
			}
			return this;
		}

		@Override
		public String toString() {
			return String.format("%d requests in %.1f s (%.0f/s), %d failed, by route %s", this.requests, this.seconds,
					requestsPerSecond(), this.failureCount, this.byRoute);
		}

	}

	private static Route get(String name, int weight, java.util.function.Function<Random, String> path) {
		return new Route(name, weight,
				(base, random) -> HttpRequest.newBuilder(URI.create(base + path.apply(random)))
					.timeout(Duration.ofSeconds(30))
					.GET()
					.build(),
				200);
	}

	private static Route post(String name, int weight, java.util.function.Function<Random, String> path,
			java.util.function.Function<Random, String> form, int expectedStatus) {
		return new Route(name, weight,
				(base, random) -> HttpRequest.newBuilder(URI.create(base + path.apply(random)))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form.apply(random)))
					.build(),
				expectedStatus);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	// The seeded ids; ids of what the load itself creates are never asked for.
	private static int productId(Random random) {
		return 1 + random.nextInt(DataInitializer.PRODUCTS);
	}

	private static int customerId(Random random) {
		return 1 + random.nextInt(DataInitializer.CUSTOMERS);
	}

	private static int orderId(Random random) {
		return 1 + random.nextInt(DataInitializer.ORDERS);
	}

}
