package io.github.profiling.shop.order;

/** Where an order is on its way to the customer. */
public enum OrderStatus {

	PLACED, PAID, SHIPPED, DELIVERED, CANCELLED

}
