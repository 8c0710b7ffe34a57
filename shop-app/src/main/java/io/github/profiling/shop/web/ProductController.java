package io.github.profiling.shop.web;

import io.github.profiling.shop.catalog.CatalogService;
import io.github.profiling.shop.catalog.Product;
import io.github.profiling.shop.catalog.ReviewForm;
import io.github.profiling.shop.catalog.ReviewService;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The product page and its review form. */
@Controller
public class ProductController {

	private final CatalogService catalog;

	private final ReviewService reviews;

	public ProductController(CatalogService catalog, ReviewService reviews) {
		this.catalog = catalog;
		this.reviews = reviews;
	}

	/**
	 * Loaded before every handler of the product's routes, outside the handler method.
	 */
	@ModelAttribute("product")
	public Product product(@PathVariable long id) {
		return this.catalog.product(id);
	}

	@GetMapping("/products/{id}")
	public String show(@ModelAttribute("product") Product product, Model model) {
		model.addAttribute("summary", this.catalog.summary(product));
		model.addAttribute("reviewForm", new ReviewForm());
		return "product";
	}

	@PostMapping("/products/{id}/reviews")
	public String review(@ModelAttribute("product") Product product, @Valid ReviewForm reviewForm, BindingResult result,
			Model model) {
		if (result.hasErrors()) {
			model.addAttribute("summary", this.catalog.summary(product));
			return "product";
		}
		this.reviews.add(product, reviewForm);
		return "redirect:/products/" + product.getId();
	}

}
