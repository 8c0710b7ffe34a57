package io.github.profiling.shop.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

/** Something the shop sells. Its reviews load lazily, often while the page renders. */
@Entity
public class Product {

	@Id
	@GeneratedValue
	private Long id;

	@Column(nullable = false)
	private String name;

	@Column(length = 2000)
	private String description;

	@Column(nullable = false, precision = 10, scale = 2)
	private BigDecimal price;

	private int stock;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private Category category;

	@OneToMany(mappedBy = "product")
	@OrderBy("createdAt DESC")
	private List<Review> reviews = new ArrayList<>();

	protected Product() {
	}

	public Product(String name, String description, BigDecimal price, int stock, Category category) {
		this.name = name;
		this.description = description;
		this.price = price;
		this.stock = stock;
		this.category = category;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getDescription() {
		return this.description;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public int getStock() {
		return this.stock;
	}

	public void take(int quantity) {
		this.stock = Math.max(0, this.stock - quantity);
	}

	public Category getCategory() {
		return this.category;
	}

	public List<Review> getReviews() {
		return this.reviews;
	}

	public boolean isInStock() {
		return this.stock > 0;
	}

}
