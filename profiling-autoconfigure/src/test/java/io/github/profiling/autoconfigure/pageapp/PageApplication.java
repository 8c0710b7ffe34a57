package io.github.profiling.autoconfigure.pageapp;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.View;

/**
 * Pages as server-side MVC renders them: part of each request's work in a
 * {@code @ModelAttribute} method, which runs before the handler, and part in the view,
 * which renders after the handler has returned; the handler itself does nothing. Each
 * part opens a user scope ({@code phase}), and the work runs under frames that name the
 * route, the tenant (header {@code X-Tenant}) and the phase, so a test can tell whose
 * work every sample is. {@code /alpha/2} does twice the work of {@code /alpha/1}.
 */
@SpringBootApplication
public class PageApplication {

	public static final String TENANT_HEADER = "X-Tenant";

	@Controller
	static class PageController {

		@ModelAttribute("greeting")
		String prepareModel(HttpServletRequest request) {
			try (Scope phase = ProfilingContext.open("phase", "model")) {
				Work.of(request, "model");
			}
			return "hello";
		}

		@GetMapping("/alpha/{n}")
		String alpha(@PathVariable int n) {
			return "page";
		}

		@GetMapping("/beta/{n}")
		String beta(@PathVariable int n) {
			return "page";
		}

	}

	/** The view: resolved by its bean name, rendered after the handler returned. */
	@Bean
	View page() {
		return new View() {

			@Override
			public String getContentType() {
				return "text/plain";
			}

			@Override
			public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
					throws Exception {
				try (Scope phase = ProfilingContext.open("phase", "view")) {
					Work.of(request, "view");
				}
				response.setContentType("text/plain");
				response.getWriter().write(model.get("greeting") + " " + request.getRequestURI());
			}

		};
	}

	/**
	 * CPU work under one frame per route, tenant and phase, outermost first, as many
	 * times as the path's last segment says. A fixed amount of work rather than of CPU
	 * time: a virtual thread has no CPU clock.
	 */
	public static final class Work {

		public static final int ITERATIONS = 6_000_000;

		static volatile long sink;

		private Work() {
		}

		static void of(HttpServletRequest request, String phase) {
			String uri = request.getRequestURI();
			boolean alpha = uri.startsWith("/alpha/");
			boolean one = "one".equals(request.getHeader(TENANT_HEADER));
			int times = Integer.parseInt(uri.substring(uri.lastIndexOf('/') + 1));
			Runnable once = "model".equals(phase) ? Work::model : Work::view;
			Runnable byPhase = () -> {
				for (int i = 0; i < times; i++) {
					once.run();
				}
			};
			Runnable byTenant = one ? () -> tenantOne(byPhase) : () -> tenantTwo(byPhase);
			if (alpha) {
				alpha(byTenant);
			}
			else {
				beta(byTenant);
			}
		}

		static void alpha(Runnable next) {
			next.run();
		}

		static void beta(Runnable next) {
			next.run();
		}

		static void tenantOne(Runnable next) {
			next.run();
		}

		static void tenantTwo(Runnable next) {
			next.run();
		}

		static void model() {
			burn();
		}

		static void view() {
			burn();
		}

		private static void burn() {
			long x = System.nanoTime() | 1;
			for (int i = 0; i < ITERATIONS; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			sink = x;
		}

	}

}
