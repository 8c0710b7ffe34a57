package io.github.profiling.shop.web;

import java.util.List;

import io.github.profiling.shop.catalog.CatalogService;
import io.github.profiling.shop.catalog.Category;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every page needs: the category navigation. */
@ControllerAdvice(basePackageClasses = ShopModelAdvice.class)
public class ShopModelAdvice {

	private final CatalogService catalog;

	public ShopModelAdvice(CatalogService catalog) {
		this.catalog = catalog;
	}

	@ModelAttribute("navCategories")
	public List<Category> navCategories() {
		return this.catalog.categories();
	}

}
