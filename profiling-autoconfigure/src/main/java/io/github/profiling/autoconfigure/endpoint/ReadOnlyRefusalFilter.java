package io.github.profiling.autoconfigure.endpoint;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a {@code POST} to a read-only endpoint with the reason, where the actuator,
 * which maps no write operation then, would send a bare 405: the same status and
 * {@code Allow}, and a body that names the property to set. Runs after security filters,
 * so it refuses nothing they allow and answers nobody they refuse.
 */
final class ReadOnlyRefusalFilter extends OncePerRequestFilter {

	static final String REASON = "this endpoint is read-only: changing the profiler needs"
			+ " management.endpoint.profiling.access=unrestricted";

	static final String BODY = "{\"error\":\"" + REASON + "\",\"parameter\":null}";

	private final Supplier<String> endpointPath;

	/**
	 * @param endpointPath the endpoint's path below the context path, or {@code null}
	 */
	ReadOnlyRefusalFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		String path = this.endpointPath.get();
		if (path == null) {
			return true;
		}
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		return !(requested.equals(path) || requested.equals(path + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
		response.setHeader("Allow", "GET");
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(BODY);
	}

}
