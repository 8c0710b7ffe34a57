package io.github.profiling.shop;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.profiling.shop.catalog.Category;
import io.github.profiling.shop.catalog.CategoryRepository;
import io.github.profiling.shop.catalog.Product;
import io.github.profiling.shop.catalog.ProductRepository;
import io.github.profiling.shop.catalog.Review;
import io.github.profiling.shop.catalog.ReviewRepository;
import io.github.profiling.shop.customer.Customer;
import io.github.profiling.shop.customer.CustomerRepository;
import io.github.profiling.shop.order.CustomerOrder;
import io.github.profiling.shop.order.OrderLine;
import io.github.profiling.shop.order.OrderRepository;
import io.github.profiling.shop.order.OrderStatus;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills the empty database with the same shop every time (a fixed seed): categories, a
 * few hundred products, customers, their orders and reviews.
 */
@Component
public class DataInitializer implements ApplicationRunner {

	public static final int PRODUCTS = 300;

	public static final int CUSTOMERS = 200;

	public static final int ORDERS = 700;

	public static final int REVIEWS = 1200;

	private static final String[][] CATEGORIES = { { "kitchen", "Kitchen" }, { "garden", "Garden" },
			{ "books", "Books" }, { "music", "Music" }, { "outdoor", "Outdoor" }, { "office", "Office" },
			{ "toys", "Toys" }, { "lighting", "Lighting" }, { "bath", "Bath" }, { "tools", "Tools" },
			{ "travel", "Travel" }, { "tea", "Tea and coffee" } };

	private static final String[] ADJECTIVES = { "Compact", "Classic", "Sturdy", "Foldable", "Handmade", "Solid oak",
			"Ceramic", "Recycled", "Waterproof", "Stackable", "Vintage", "Lightweight", "Deluxe", "Minimal" };

	private static final String[] NOUNS = { "Lamp", "Kettle", "Chair", "Notebook", "Backpack", "Teapot", "Shelf",
			"Planter", "Radio", "Blanket", "Hammer", "Mug", "Tent", "Puzzle", "Towel", "Grinder", "Clock" };

	private static final String[] FIRST_NAMES = { "Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro",
			"Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq" };

	private static final String[] LAST_NAMES = { "Almeida", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
			"Horvat", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Rossi",
			"Schmidt", "Tanaka", "Varga" };

	private static final String[] CITIES = { "Lisbon", "Oslo", "Lyon", "Krakow", "Porto", "Ghent", "Tartu", "Brno",
			"Bologna", "Malmo" };

	private static final String[] REVIEW_TEXTS = { "Does exactly what it says, well made.",
			"Arrived quickly and works fine, though the box was damaged.",
			"Not what I expected from the pictures, returned it.", "Great value for the price, would buy again.",
			"Solid and heavy, clearly built to last for years.", "Ok for occasional use, nothing special.",
			"My second one: the first lasted six years.", "Smaller than I thought but very practical." };

	private final CategoryRepository categories;

	private final ProductRepository products;

	private final CustomerRepository customers;

	private final OrderRepository orders;

	private final ReviewRepository reviews;

	public DataInitializer(CategoryRepository categories, ProductRepository products, CustomerRepository customers,
			OrderRepository orders, ReviewRepository reviews) {
		this.categories = categories;
		this.products = products;
		this.customers = customers;
		this.orders = orders;
		this.reviews = reviews;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.categories.count() > 0) {
			return;
		}
		Random random = new Random(42);
		List<Category> shelves = new ArrayList<>();
		for (String[] category : CATEGORIES) {
			shelves.add(new Category(category[0], category[1]));
		}
		this.categories.saveAll(shelves);
		List<Product> goods = new ArrayList<>();
		for (int i = 0; i < PRODUCTS; i++) {
			String name = pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + " " + (100 + i);
			String description = "The " + name.toLowerCase() + ": " + pick(random, REVIEW_TEXTS) + " "
					+ pick(random, REVIEW_TEXTS);
			BigDecimal price = BigDecimal.valueOf(299 + random.nextInt(25000), 2);
			goods.add(new Product(name, description, price, random.nextInt(200), shelves.get(i % shelves.size())));
		}
		this.products.saveAll(goods);
		List<Customer> buyers = new ArrayList<>();
		for (int i = 0; i < CUSTOMERS; i++) {
			String first = pick(random, FIRST_NAMES);
			String last = pick(random, LAST_NAMES);
			buyers.add(new Customer(first, last, first.toLowerCase() + "." + last.toLowerCase() + i + "@example.org",
					pick(random, CITIES), LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3600))));
		}
		this.customers.saveAll(buyers);
		Instant start = Instant.parse("2025-01-01T00:00:00Z");
		OrderStatus[] statuses = OrderStatus.values();
		List<CustomerOrder> placed = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			CustomerOrder order = new CustomerOrder(buyers.get(random.nextInt(buyers.size())),
					statuses[random.nextInt(statuses.length)], start.plus(Duration.ofMinutes(random.nextInt(500_000))));
			int lines = 1 + random.nextInt(4);
			for (int l = 0; l < lines; l++) {
				Product product = goods.get(random.nextInt(goods.size()));
				order.addLine(new OrderLine(product, 1 + random.nextInt(3), product.getPrice()));
			}
			placed.add(order);
		}
		this.orders.saveAll(placed);
		List<Review> written = new ArrayList<>();
		for (int i = 0; i < REVIEWS; i++) {
			Customer author = buyers.get(random.nextInt(buyers.size()));
			written.add(new Review(goods.get(random.nextInt(goods.size())), author.getFullName(), 1 + random.nextInt(5),
					pick(random, REVIEW_TEXTS), start.plus(Duration.ofMinutes(random.nextInt(500_000)))));
		}
		this.reviews.saveAll(written);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
