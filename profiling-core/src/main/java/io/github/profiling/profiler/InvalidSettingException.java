package io.github.profiling.profiler;

/**
 * A setting or query parameter that cannot be applied, with the parameter it concerns.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String parameter;

	public InvalidSettingException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	public String parameter() {
		return this.parameter;
	}

}
