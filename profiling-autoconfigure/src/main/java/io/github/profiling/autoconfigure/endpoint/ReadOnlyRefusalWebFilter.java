package io.github.profiling.autoconfigure.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@link ReadOnlyRefusalFilter} on a reactive server: a {@code POST} to a read-only
 * endpoint gets the 405 with the reason. Ordered last, so it runs after security filters.
 */
final class ReadOnlyRefusalWebFilter implements WebFilter, Ordered {

	private final Supplier<String> endpointPath;

	/**
	 * @param endpointPath the endpoint's path below the context path, or {@code null}
	 */
	ReadOnlyRefusalWebFilter(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.POST) {
			return chain.filter(exchange);
		}
		String path = this.endpointPath.get();
		String requested = exchange.getRequest().getPath().pathWithinApplication().value();
		if (path == null || !(requested.equals(path) || requested.equals(path + "/"))) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
		response.getHeaders().set(HttpHeaders.ALLOW, "GET");
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = ReadOnlyRefusalFilter.BODY.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
