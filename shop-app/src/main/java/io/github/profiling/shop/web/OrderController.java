package io.github.profiling.shop.web;

import io.github.profiling.shop.order.CustomerOrder;
import io.github.profiling.shop.order.OrderService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The order pages. */
@Controller
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@GetMapping("/orders")
	public String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.orders.recentOrders(page));
		model.addAttribute("pricing", this.orders);
		return "orders";
	}

	@GetMapping("/orders/{orderId}")
	public String show(@PathVariable long orderId, Model model) {
		CustomerOrder order = this.orders.order(orderId);
		model.addAttribute("order", order);
		model.addAttribute("totals", this.orders.totals(order));
		return "order";
	}

}
