package io.github.profiling.shop.order;

import java.time.Clock;
import java.util.List;

import io.github.profiling.shop.NotFoundException;
import io.github.profiling.shop.catalog.Product;
import io.github.profiling.shop.catalog.ProductRepository;
import io.github.profiling.shop.customer.Customer;
import io.github.profiling.shop.customer.CustomerRepository;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders: reading them with their totals, and placing new ones. */
@Service
@Transactional(readOnly = true)
public class OrderService {

	private final OrderRepository orders;

	private final CustomerRepository customers;

	private final ProductRepository products;

	private final Pricing pricing;

	private final Clock clock = Clock.systemUTC();

	public OrderService(OrderRepository orders, CustomerRepository customers, ProductRepository products,
			Pricing pricing) {
		this.orders = orders;
		this.customers = customers;
		this.products = products;
		this.pricing = pricing;
	}

	public Customer customer(long customerId) {
		return this.customers.findById(customerId)
			.orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
	}

	public CustomerOrder order(long orderId) {
		return this.orders.findWithLines(orderId).orElseThrow(() -> new NotFoundException("order", "orderId", orderId));
	}

	public List<CustomerOrder> recentOrdersOf(Customer customer) {
		return this.orders.findByCustomerOrderByPlacedAtDesc(customer, PageRequest.of(0, 10));
	}

	public long orderCountOf(Customer customer) {
		return this.orders.countByCustomer(customer);
	}

	public Page<CustomerOrder> recentOrders(int page) {
		return this.orders.findAllByOrderByPlacedAtDesc(PageRequest.of(Math.max(0, page), 20));
	}

	public Pricing.Totals totals(CustomerOrder order) {
		return this.pricing.totals(order);
	}

	@Transactional
	public CustomerOrder place(long customerId, OrderForm form) {
		Customer customer = customer(customerId);
		Product product = this.products.findById(form.getProductId())
			.orElseThrow(() -> new NotFoundException("product", "productId", form.getProductId()));
		CustomerOrder order = new CustomerOrder(customer, OrderStatus.PLACED, this.clock.instant());
		order.addLine(new OrderLine(product, form.getQuantity(), product.getPrice()));
		product.take(form.getQuantity());
		return this.orders.save(order);
	}

}
