package io.github.profiling.shop.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;

import io.github.profiling.shop.customer.Customer;

import org.springframework.stereotype.Component;

/**
 * The shop's price rules: a loyalty discount by years of membership, a volume discount on
 * large orders, then VAT.
 */
@Component
public class Pricing {

	private static final BigDecimal VAT = new BigDecimal("0.20");

	private static final BigDecimal VOLUME_THRESHOLD = new BigDecimal("500.00");

	private static final BigDecimal VOLUME_DISCOUNT = new BigDecimal("0.05");

	public Totals totals(CustomerOrder order) {
		BigDecimal subtotal = order.getSubtotal();
		BigDecimal discount = subtotal.multiply(loyaltyRate(order.getCustomer(), LocalDate.now()));
		if (subtotal.compareTo(VOLUME_THRESHOLD) >= 0) {
			discount = discount.add(subtotal.multiply(VOLUME_DISCOUNT));
		}
		discount = discount.setScale(2, RoundingMode.HALF_EVEN);
		BigDecimal net = subtotal.subtract(discount);
		BigDecimal vat = net.multiply(VAT).setScale(2, RoundingMode.HALF_EVEN);
		return new Totals(subtotal.setScale(2, RoundingMode.HALF_EVEN), discount, vat, net.add(vat));
	}

	/** One percent a year of membership, up to five. */
	BigDecimal loyaltyRate(Customer customer, LocalDate today) {
		if (customer.getMemberSince() == null) {
			return BigDecimal.ZERO;
		}
		int years = Math.min(5, Period.between(customer.getMemberSince(), today).getYears());
		return BigDecimal.valueOf(Math.max(0, years), 2);
	}

	/** What an order costs. */
	public record Totals(BigDecimal subtotal, BigDecimal discount, BigDecimal vat, BigDecimal total) {
	}

}
