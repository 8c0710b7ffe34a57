package io.github.profiling.shop.catalog;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.profiling.shop.NotFoundException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the catalog. The category list and the top-rated products change rarely, so
 * they are kept a few seconds in a small cache, as shops do to spare the database.
 */
@Service
@Transactional(readOnly = true)
public class CatalogService {

	private static final Duration CACHE_TIME = Duration.ofSeconds(5);

	public static final int PAGE_SIZE = 24;

	private final CategoryRepository categories;

	private final ProductRepository products;

	private final ReviewRepository reviews;

	private final Map<String, Cached<?>> cache = new ConcurrentHashMap<>();

	public CatalogService(CategoryRepository categories, ProductRepository products, ReviewRepository reviews) {
		this.categories = categories;
		this.products = products;
		this.reviews = reviews;
	}

	public List<Category> categories() {
		return cached("categories", this.categories::findAllByOrderByNameAsc);
	}

	public Category category(String slug) {
		return this.categories.findBySlug(slug).orElseThrow(() -> new NotFoundException("category", "slug", slug));
	}

	public Page<Product> productsOf(Category category, int page, String sort) {
		return this.products.findByCategory(category, PageRequest.of(Math.max(0, page), PAGE_SIZE, sortOf(sort)));
	}

	public Page<Product> allProducts(int page, String sort) {
		return this.products.findAll(PageRequest.of(Math.max(0, page), PAGE_SIZE, sortOf(sort)));
	}

	public Product product(long id) {
		return this.products.findById(id).orElseThrow(() -> new NotFoundException("product", "id", id));
	}

	public ProductSummary summary(Product product) {
		Double average = this.reviews.averageRating(product);
		long count = this.reviews.countByProduct(product);
		List<Review> latest = this.reviews.findByProductOrderByCreatedAtDesc(product, PageRequest.of(0, 8));
		List<Product> related = this.products.findTop6ByCategoryAndIdNotOrderByPriceAsc(product.getCategory(),
				product.getId());
		return new ProductSummary(product, (average != null) ? average : 0.0, count, latest, related);
	}

	public List<Product> search(String text) {
		return this.products.search(text);
	}

	/** The best-rated products, recomputed from all reviews once the cache expires. */
	public List<Product> featured() {
		return cached("featured",
				() -> this.reviews.findAll()
					.stream()
					.collect(java.util.stream.Collectors.groupingBy((review) -> review.getProduct().getId(),
							java.util.stream.Collectors.averagingInt(Review::getRating)))
					.entrySet()
					.stream()
					.sorted(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder())
						.thenComparing(Map.Entry.comparingByKey()))
					.limit(8)
					.map((entry) -> this.products.findById(entry.getKey()).orElseThrow())
					// Shared by the requests of the next seconds, whose sessions are not
					// the loader's:
					// what the cards show is loaded now, not lazily from a session closed
					// by then.
					.peek((product) -> product.getCategory().getName())
					.toList());
	}

	private static Sort sortOf(String sort) {
		if ("price".equals(sort)) {
			return Sort.by("price").ascending();
		}
		if ("stock".equals(sort)) {
			return Sort.by("stock").descending();
		}
		return Sort.by("name").ascending();
	}

	@SuppressWarnings("unchecked")
	private <T> T cached(String key, Supplier<T> load) {
		long now = System.nanoTime();
		Cached<?> entry = this.cache.get(key);
		if (entry == null || now - entry.loadedAt() > CACHE_TIME.toNanos()) {
			entry = new Cached<>(load.get(), now);
			this.cache.put(key, entry);
		}
		return (T) entry.value();
	}

	private record Cached<T>(T value, long loadedAt) {
	}

	/** What the product page shows besides the product itself. */
	public record ProductSummary(Product product, double averageRating, long reviewCount, List<Review> latestReviews,
			List<Product> related) {

		public int stars() {
			return (int) Math.round(this.averageRating);
		}

	}

}
