package io.github.profiling.autoconfigure;

import io.github.profiling.autoconfigure.compatibility.OnSupportedSpringBootCondition;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches only on a Spring Boot version the profiler supports (Spring Boot 4). Every
 * auto-configuration of the profiler carries it, so on an older Boot all of them back off
 * together, and {@code UnsupportedSpringBootAutoConfiguration} says why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Conditional(OnSupportedSpringBootCondition.class)
public @interface ConditionalOnSupportedSpringBoot {

}
