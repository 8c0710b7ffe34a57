package io.github.profiling.shop;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Something addressed by a path variable does not exist: 404 (the API answers it as
 * JSON).
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	private final String parameter;

	public NotFoundException(String what, String parameter, Object value) {
		super(what + " " + value + " not found");
		this.parameter = parameter;
	}

	public String getParameter() {
		return this.parameter;
	}

}
