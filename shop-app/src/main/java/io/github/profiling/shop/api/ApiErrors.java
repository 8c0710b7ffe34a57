package io.github.profiling.shop.api;

import java.util.Map;

import io.github.profiling.shop.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The API's errors as JSON {@code {"error", "parameter"}}: 404 for what is missing, 400
 * for bad input.
 */
@RestControllerAdvice(assignableTypes = ShopApiController.class)
public class ApiErrors {

	@ExceptionHandler
	public ResponseEntity<Map<String, String>> notFound(NotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", ex.getMessage(), "parameter", ex.getParameter()));
	}

	@ExceptionHandler
	public ResponseEntity<Map<String, String>> badParameter(MethodArgumentTypeMismatchException ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", "not a valid " + ex.getName(), "parameter", ex.getName()));
	}

}
