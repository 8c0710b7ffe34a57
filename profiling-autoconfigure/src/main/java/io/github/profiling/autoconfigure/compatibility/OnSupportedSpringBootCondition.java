package io.github.profiling.autoconfigure.compatibility;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnSupportedSpringBoot}. Evaluated first, so that no
 * other condition of an auto-configuration runs against a Spring Boot it was not written
 * for.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OnSupportedSpringBootCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String version = SpringBootSupport.runningVersion();
		if (SpringBootSupport.isSupported(version)) {
			return ConditionOutcome.match("Spring Boot " + version + " is supported");
		}
		return ConditionOutcome
			.noMatch("Spring Boot " + version + " is not supported; supported: " + SpringBootSupport.SUPPORTED_RANGE);
	}

}
