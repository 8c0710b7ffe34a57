package io.github.profiling.shop.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The review form of the product page. */
public class ReviewForm {

	@NotBlank
	@Size(max = 60)
	private String author;

	@Min(1)
	@Max(5)
	private int rating;

	@NotBlank
	@Size(min = 10, max = 1000)
	private String text;

	public String getAuthor() {
		return this.author;
	}

	public void setAuthor(String author) {
		this.author = author;
	}

	public int getRating() {
		return this.rating;
	}

	public void setRating(int rating) {
		this.rating = rating;
	}

	public String getText() {
		return this.text;
	}

	public void setText(String text) {
		this.text = text;
	}

}
