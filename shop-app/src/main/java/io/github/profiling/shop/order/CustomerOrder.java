package io.github.profiling.shop.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.profiling.shop.customer.Customer;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** An order of a customer: lines of products at the price they had when it was placed. */
@Entity
@Table(name = "orders")
public class CustomerOrder {

	@Id
	@GeneratedValue
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private Customer customer;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private OrderStatus status;

	@Column(nullable = false)
	private Instant placedAt;

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
	private List<OrderLine> lines = new ArrayList<>();

	protected CustomerOrder() {
	}

	public CustomerOrder(Customer customer, OrderStatus status, Instant placedAt) {
		this.customer = customer;
		this.status = status;
		this.placedAt = placedAt;
	}

	public void addLine(OrderLine line) {
		line.setOrder(this);
		this.lines.add(line);
	}

	public Long getId() {
		return this.id;
	}

	public Customer getCustomer() {
		return this.customer;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public Instant getPlacedAt() {
		return this.placedAt;
	}

	public List<OrderLine> getLines() {
		return this.lines;
	}

	public BigDecimal getSubtotal() {
		BigDecimal subtotal = BigDecimal.ZERO;
		for (OrderLine line : this.lines) {
			subtotal = subtotal.add(line.getTotal());
		}
		return subtotal;
	}

	public int getItemCount() {
		int count = 0;
		for (OrderLine line : this.lines) {
			count += line.getQuantity();
		}
		return count;
	}

}
