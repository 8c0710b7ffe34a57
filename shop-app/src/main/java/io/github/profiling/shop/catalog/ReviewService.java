package io.github.profiling.shop.catalog;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes reviews. */
@Service
public class ReviewService {

	private final ReviewRepository reviews;

	private final Clock clock = Clock.systemUTC();

	public ReviewService(ReviewRepository reviews) {
		this.reviews = reviews;
	}

	@Transactional
	public Review add(Product product, ReviewForm form) {
		return this.reviews.save(new Review(product, form.getAuthor().trim(), form.getRating(), form.getText().trim(),
				this.clock.instant()));
	}

}
