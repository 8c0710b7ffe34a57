package io.github.profiling.shop.catalog;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A customer's rating of a product, written through the product page's form. */
@Entity
public class Review {

	@Id
	@GeneratedValue
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private Product product;

	@Column(nullable = false)
	private String author;

	private int rating;

	@Column(length = 1000)
	private String text;

	@Column(nullable = false)
	private Instant createdAt;

	protected Review() {
	}

	public Review(Product product, String author, int rating, String text, Instant createdAt) {
		this.product = product;
		this.author = author;
		this.rating = rating;
		this.text = text;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public Product getProduct() {
		return this.product;
	}

	public String getAuthor() {
		return this.author;
	}

	public int getRating() {
		return this.rating;
	}

	public String getText() {
		return this.text;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
