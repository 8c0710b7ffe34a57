package io.github.profiling.profiler;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTest {

	@Test
	void parsesEveryUnit() {
		assertThat(Durations.parse("100ns")).isEqualTo(Duration.ofNanos(100));
		assertThat(Durations.parse("500us")).isEqualTo(Duration.ofNanos(500_000));
		assertThat(Durations.parse("10ms")).isEqualTo(Duration.ofMillis(10));
		assertThat(Durations.parse("1s")).isEqualTo(Duration.ofSeconds(1));
		assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Durations.parse("3h")).isEqualTo(Duration.ofHours(3));
	}

	@Test
	void aBareNumberIsMilliseconds() {
		assertThat(Durations.parse("10")).isEqualTo(Duration.ofMillis(10));
		assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresCaseAndSurroundingSpaces() {
		assertThat(Durations.parse(" 10MS ")).isEqualTo(Duration.ofMillis(10));
		assertThat(Durations.parse("5S")).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void decimalsAreDurationsSoThatTheLimitsOfASettingSpeakForThemselves() {
		assertThat(Durations.parse("0.5ms")).isEqualTo(Duration.ofNanos(500_000));
		assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(Durations.parse("0.25m")).isEqualTo(Duration.ofSeconds(15));
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("1.5ns"))
			.withMessageContaining("whole number of nanoseconds");
		// The interval's own rule answers, not the syntax.
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> ProfilerSettings.DEFAULTS.withInterval(Durations.parse("0.5ms")))
			.withMessageContaining("interval must be between 1ms");
	}

	@Test
	void rejectsWhatIsNotADuration() {
		for (String text : List.of("", " ", "ms", "abc", "10 ms", "-1s", "+1s", "1.5.1s", ".5s", "10d", "1s2", "1sec",
				"1234567890123ms", "PT1S")) {
			assertThatIllegalArgumentException().as("'%s'", text)
				.isThrownBy(() -> Durations.parse(text))
				.withMessageContaining("'" + text + "'");
		}
	}

	@Test
	void formatsWithTheLargestExactUnitUpToSeconds() {
		assertThat(Durations.format(Duration.ofMillis(10))).isEqualTo("10ms");
		assertThat(Durations.format(Duration.ofSeconds(1))).isEqualTo("1s");
		assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(Durations.format(Duration.ofNanos(500_000))).isEqualTo("500us");
		assertThat(Durations.format(Duration.ofNanos(7))).isEqualTo("7ns");
		assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("120s");
	}

	@Test
	void formattedDurationsParseBack() {
		for (Duration duration : List.of(Duration.ofMillis(10), Duration.ofSeconds(90), Duration.ofNanos(1234),
				Duration.ofNanos(5_000), Duration.ofMinutes(5), Duration.ofMillis(1))) {
			assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
		}
	}

	@Test
	void refusesDurationsThatOverflowALongOfNanoseconds() {
		for (String text : List.of("999999999999h", "2562048h", "153722867281m", "10000000000s", "999999999999s")) {
			assertThatIllegalArgumentException().as("'%s'", text)
				.isThrownBy(() -> Durations.parse(text))
				.withMessageContaining("too long");
		}
		assertThat(Durations.parse("2562047h")).isEqualTo(Duration.ofHours(2562047));
	}

	@Test
	void formatsDurationsBeyondALongOfNanoseconds() {
		assertThat(Durations.format(Duration.ofHours(999_999_999_999L))).isEqualTo("3599999999996400s");
		assertThat(Durations.format(Duration.ofSeconds(10_000_000_000L))).isEqualTo("10000000000s");
	}

	@Test
	void errorsQuoteOnlyAPrefixOfALongValue() {
		String huge = "x".repeat(100_000);
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(huge))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(120));
	}

}
