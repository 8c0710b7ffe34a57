package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.InvalidSettingException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;

/**
 * The body of every refusal of the endpoint: {@code {"error": ..., "parameter": ...}},
 * the parameter {@code null} when the refusal is not about one.
 */
@JsonInclude(Include.ALWAYS)
@JsonPropertyOrder({ "error", "parameter" })
public record EndpointError(String error, @Nullable String parameter) implements OperationResponseBody {

	static final int STATUS_CONFLICT = 409;

	static EndpointError of(InvalidSettingException ex) {
		return new EndpointError(ex.getMessage(), ex.parameter());
	}

	/** This error as a view's answer. */
	ResponseEntity<EndpointError> answer(int status) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(this);
	}

	/** This error as an answer of an operation on the endpoint itself. */
	WebEndpointResponse<OperationResponseBody> response(int status) {
		return new WebEndpointResponse<>(this, status, MimeTypeUtils.APPLICATION_JSON);
	}

}
