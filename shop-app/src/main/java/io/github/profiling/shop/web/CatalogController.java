package io.github.profiling.shop.web;

import io.github.profiling.shop.catalog.CatalogService;
import io.github.profiling.shop.catalog.Category;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The catalog pages: every product, one category's, or a search. */
@Controller
public class CatalogController {

	private final CatalogService catalog;

	public CatalogController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/catalog")
	public String catalog(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "name") String sort,
			@RequestParam(required = false) String q, Model model) {
		if (q != null && !q.isBlank()) {
			model.addAttribute("query", q);
			model.addAttribute("products", this.catalog.search(q.trim()));
			return "search";
		}
		model.addAttribute("page", this.catalog.allProducts(page, sort));
		model.addAttribute("sort", sort);
		model.addAttribute("title", "All products");
		return "catalog";
	}

	@GetMapping("/catalog/{slug}")
	public String category(@PathVariable String slug, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "name") String sort, Model model) {
		Category category = this.catalog.category(slug);
		model.addAttribute("category", category);
		model.addAttribute("page", this.catalog.productsOf(category, page, sort));
		model.addAttribute("sort", sort);
		model.addAttribute("title", category.getName());
		return "catalog";
	}

}
