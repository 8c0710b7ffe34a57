package io.github.profiling.autoconfigure.compatibility;

import io.github.profiling.autoconfigure.ConditionalOnSupportedSpringBoot;
import io.github.profiling.autoconfigure.ProfilingAutoConfiguration;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.annotation.AnnotatedElementUtils;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SpringBootCompatibilityTests {

	@Test
	void everyAutoConfigurationBacksOffOnAnUnsupportedSpringBoot() throws Exception {
		List<String> autoConfigurations = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.github.profiling."))
			.toList();
		assertThat(autoConfigurations).contains(ProfilingAutoConfiguration.class.getName(),
				UnsupportedSpringBootAutoConfiguration.class.getName());
		for (String name : autoConfigurations) {
			if (!name.equals(UnsupportedSpringBootAutoConfiguration.class.getName())) {
				assertThat(AnnotatedElementUtils.hasAnnotation(Class.forName(name),
						ConditionalOnSupportedSpringBoot.class))
					.as("%s is conditional on a supported Spring Boot", name)
					.isTrue();
			}
		}
	}

	@Test
	void supportedSpringBootMatchesAndLogsNoWarning(CapturedOutput output) {
		assertThat(SpringBootSupport.isSupported(SpringBootVersion.getVersion())).isTrue();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UnsupportedSpringBootAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(UnsupportedSpringBootAutoConfiguration.class);
				assertThat(context).doesNotHaveBean("profilingUnsupportedSpringBootWarning");
			});
		new ApplicationContextRunner().withUserConfiguration(SupportedOnly.class)
			.run((context) -> assertThat(context).hasSingleBean(SupportedOnly.class));
		assertThat(output).doesNotContain("Profiling for Spring Boot supports");
	}

	@ConditionalOnSupportedSpringBoot
	static class SupportedOnly {

	}

}
