package io.github.profiling.shop.web;

import io.github.profiling.shop.catalog.CatalogService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
public class HomeController {

	private final CatalogService catalog;

	public HomeController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/")
	public String home(Model model) {
		model.addAttribute("featured", this.catalog.featured());
		return "home";
	}

}
