package io.github.profiling.autoconfigure.compatibility;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpringBootSupportTests {

	@Test
	void springBoot4IsSupported() {
		assertThat(SpringBootSupport.isSupported("4.0.7")).isTrue();
		assertThat(SpringBootSupport.isSupported("4.1.2")).isTrue();
		assertThat(SpringBootSupport.isSupported("4.1.0-SNAPSHOT")).isTrue();
		assertThat(SpringBootSupport.isSupported("4.2.0-M1")).isTrue();
	}

	@Test
	void otherMajorReleasesAreNot() {
		assertThat(SpringBootSupport.isSupported("3.5.6")).isFalse();
		assertThat(SpringBootSupport.isSupported("3.4.0")).isFalse();
		assertThat(SpringBootSupport.isSupported("2.7.18")).isFalse();
		assertThat(SpringBootSupport.isSupported("5.0.0")).isFalse();
		assertThat(SpringBootSupport.isSupported("40.0.0")).isFalse();
	}

	@Test
	void aVersionThatCannotBeReadIsGivenTheBenefitOfTheDoubt() {
		assertThat(SpringBootSupport.isSupported(null)).isTrue();
		assertThat(SpringBootSupport.isSupported("")).isTrue();
		assertThat(SpringBootSupport.isSupported("unknown")).isTrue();
	}

	@Test
	void warningNamesTheRunningVersionAndTheSupportedRange() {
		assertThat(SpringBootSupport.unsupportedMessage("3.5.6")).contains("Spring Boot 3.5.6")
			.contains("Spring Boot 4.0 and 4.1")
			.contains("/actuator/profiling");
	}

}
