package io.github.profiling.shop.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.github.profiling.shop.catalog.CatalogService;
import io.github.profiling.shop.catalog.CatalogService.ProductSummary;
import io.github.profiling.shop.catalog.Product;
import io.github.profiling.shop.order.CustomerOrder;
import io.github.profiling.shop.order.OrderLine;
import io.github.profiling.shop.order.OrderService;
import io.github.profiling.shop.order.Pricing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's JSON API, as a mobile app or a partner would use it. */
@RestController
@RequestMapping("/api")
public class ShopApiController {

	private final CatalogService catalog;

	private final OrderService orders;

	public ShopApiController(CatalogService catalog, OrderService orders) {
		this.catalog = catalog;
		this.orders = orders;
	}

	@GetMapping("/products")
	public List<ProductJson> products(@RequestParam(required = false) String category,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "name") String sort) {
		List<Product> products = (category != null)
				? this.catalog.productsOf(this.catalog.category(category), page, sort).getContent()
				: this.catalog.allProducts(page, sort).getContent();
		return products.stream().map(ProductJson::of).toList();
	}

	@GetMapping("/products/{id}")
	public ProductDetailJson product(@PathVariable long id) {
		ProductSummary summary = this.catalog.summary(this.catalog.product(id));
		return new ProductDetailJson(ProductJson.of(summary.product()), summary.averageRating(), summary.reviewCount(),
				summary.latestReviews()
					.stream()
					.map((review) -> new ReviewJson(review.getAuthor(), review.getRating(), review.getText(),
							review.getCreatedAt()))
					.toList(),
				summary.related().stream().map(ProductJson::of).toList());
	}

	@GetMapping("/orders/{id}")
	public OrderJson order(@PathVariable long id) {
		return OrderJson.of(this.orders.order(id), this.orders);
	}

	@GetMapping("/customers/{customerId}/orders")
	public List<OrderJson> ordersOf(@PathVariable long customerId) {
		return this.orders.recentOrdersOf(this.orders.customer(customerId))
			.stream()
			.map((order) -> OrderJson.of(order, this.orders))
			.toList();
	}

	public record ProductJson(long id, String name, String category, BigDecimal price, int stock) {

		static ProductJson of(Product product) {
			return new ProductJson(product.getId(), product.getName(), product.getCategory().getSlug(),
					product.getPrice(), product.getStock());
		}

	}

	public record ReviewJson(String author, int rating, String text, Instant createdAt) {
	}

	public record ProductDetailJson(ProductJson product, double averageRating, long reviewCount,
			List<ReviewJson> reviews, List<ProductJson> related) {
	}

	public record LineJson(long productId, String product, int quantity, BigDecimal unitPrice, BigDecimal total) {
	}

	public record OrderJson(long id, long customerId, String customer, String status, Instant placedAt,
			List<LineJson> lines, Pricing.Totals totals) {

		static OrderJson of(CustomerOrder order, OrderService orders) {
			List<LineJson> lines = order.getLines().stream().map(OrderJson::line).toList();
			return new OrderJson(order.getId(), order.getCustomer().getId(), order.getCustomer().getFullName(),
					order.getStatus().name(), order.getPlacedAt(), lines, orders.totals(order));
		}

		private static LineJson line(OrderLine line) {
			return new LineJson(line.getProduct().getId(), line.getProduct().getName(), line.getQuantity(),
					line.getUnitPrice(), line.getTotal());
		}

	}

}
