package io.github.profiling.profiler;

import io.github.profiling.sampler.SamplingEvent;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProfilerSettingsTest {

	@Test
	void defaultsAreOffAutoCpuEveryTenMilliseconds() {
		assertThat(ProfilerSettings.DEFAULTS)
			.isEqualTo(new ProfilerSettings(Mode.OFF, ProfilerSettings.AUTO, SamplingEvent.CPU, Duration.ofMillis(10)));
	}

	@Test
	void anIntervalOutsideItsBoundsNamesTheParameter() {
		for (Duration interval : new Duration[] { Duration.ZERO, Duration.ofNanos(999_999), Duration.ofSeconds(11) }) {
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> ProfilerSettings.DEFAULTS.withInterval(interval))
				.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("interval"));
		}
		assertThat(ProfilerSettings.DEFAULTS.withInterval(Duration.ofMillis(1)).interval())
			.isEqualTo(Duration.ofMillis(1));
		assertThat(ProfilerSettings.DEFAULTS.withInterval(Duration.ofSeconds(10)).interval())
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void everyPartIsRequired() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProfilerSettings(null, "auto", SamplingEvent.CPU, Duration.ofMillis(10)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProfilerSettings(Mode.OFF, null, SamplingEvent.CPU, Duration.ofMillis(10)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProfilerSettings(Mode.OFF, "auto", null, Duration.ofMillis(10)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProfilerSettings(Mode.OFF, "auto", SamplingEvent.CPU, null));
	}

	@Test
	void modesAndEventsParseWhateverTheCase() {
		assertThat(Mode.of("Sampling")).isEqualTo(Mode.SAMPLING);
		assertThat(Mode.of(" off ")).isEqualTo(Mode.OFF);
		assertThat(SamplingEvent.of("WALL")).isEqualTo(SamplingEvent.WALL);
		assertThat(SamplingEvent.of("cpu").id()).isEqualTo("cpu");
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.of("on")).withMessageContaining("'on'");
		assertThatIllegalArgumentException().isThrownBy(() -> SamplingEvent.of("itimer"))
			.withMessageContaining("'itimer'");
	}

}
