package io.github.profiling.shop.web;

import java.util.List;

import io.github.profiling.shop.catalog.CatalogService;
import io.github.profiling.shop.customer.Customer;
import io.github.profiling.shop.customer.CustomerRepository;
import io.github.profiling.shop.order.CustomerOrder;
import io.github.profiling.shop.order.OrderForm;
import io.github.profiling.shop.order.OrderService;
import jakarta.validation.Valid;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Customer pages: the list, a customer's profile with orders, and the order form. */
@Controller
public class CustomerController {

	private final CustomerRepository customers;

	private final OrderService orders;

	private final CatalogService catalog;

	public CustomerController(CustomerRepository customers, OrderService orders, CatalogService catalog) {
		this.customers = customers;
		this.orders = orders;
		this.catalog = catalog;
	}

	@GetMapping("/customers")
	public String list(@RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("lastName", lastName);
		model.addAttribute("page", this.customers.findByLastNameStartingWithIgnoreCase(lastName,
				PageRequest.of(Math.max(0, page), 25, Sort.by("lastName", "firstName"))));
		return "customers";
	}

	@GetMapping("/customers/{customerId}")
	public String show(@PathVariable long customerId, Model model) {
		Customer customer = this.orders.customer(customerId);
		List<CustomerOrder> recent = this.orders.recentOrdersOf(customer);
		model.addAttribute("customer", customer);
		model.addAttribute("orders", recent);
		model.addAttribute("orderCount", this.orders.orderCountOf(customer));
		// the template asks the pricing for each order's totals while it renders
		model.addAttribute("pricing", this.orders);
		return "customer";
	}

	@ModelAttribute("orderForm")
	public OrderForm orderForm() {
		return new OrderForm();
	}

	@GetMapping("/customers/{customerId}/orders/new")
	public String newOrder(@PathVariable long customerId, Model model) {
		model.addAttribute("customer", this.orders.customer(customerId));
		model.addAttribute("products", this.catalog.allProducts(0, "price").getContent());
		return "order-form";
	}

	@PostMapping("/customers/{customerId}/orders")
	public String placeOrder(@PathVariable long customerId, @Valid @ModelAttribute("orderForm") OrderForm orderForm,
			BindingResult result, Model model) {
		if (result.hasErrors()) {
			model.addAttribute("customer", this.orders.customer(customerId));
			model.addAttribute("products", this.catalog.allProducts(0, "price").getContent());
			return "order-form";
		}
		CustomerOrder order = this.orders.place(customerId, orderForm);
		return "redirect:/orders/" + order.getId();
	}

}
