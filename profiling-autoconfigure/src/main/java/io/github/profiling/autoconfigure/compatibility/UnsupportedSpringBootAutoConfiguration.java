package io.github.profiling.autoconfigure.compatibility;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On a Spring Boot the profiler does not support, where all its other auto-configurations
 * back off, logs one warning at startup that says so, instead of leaving the user with an
 * endpoint that is missing for no visible reason. Uses only API that Spring Boot 2.7 to 4
 * share.
 */
@AutoConfiguration
@Conditional(UnsupportedSpringBootAutoConfiguration.OnUnsupportedSpringBootCondition.class)
public final class UnsupportedSpringBootAutoConfiguration {

	private static final Log logger = LogFactory.getLog(UnsupportedSpringBootAutoConfiguration.class);

	@Bean
	static SmartInitializingSingleton profilingUnsupportedSpringBootWarning() {
		return () -> logger.warn(SpringBootSupport.unsupportedMessage(SpringBootSupport.runningVersion()));
	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class OnUnsupportedSpringBootCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String version = SpringBootSupport.runningVersion();
			if (SpringBootSupport.isSupported(version)) {
				return ConditionOutcome.noMatch("Spring Boot " + version + " is supported");
			}
			return ConditionOutcome.match("Spring Boot " + version + " is not supported");
		}

	}

}
