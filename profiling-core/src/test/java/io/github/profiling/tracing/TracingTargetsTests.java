package io.github.profiling.tracing;

import io.github.profiling.profiler.InvalidSettingException;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingTargetsTests {

	@Test
	void doubleStarCoversSubPackagesAndSingleStarOnlyOnePackage() {
		TracingTargets deep = new TracingTargets(List.of("com.example.**"), List.of());
		assertThat(deep.matches("com.example.Cart")).isTrue();
		assertThat(deep.matches("com.example.shop.Cart$Line")).isTrue();
		assertThat(deep.matches("com.examples.Cart")).isFalse();
		assertThat(deep.matches("org.example.Cart")).isFalse();

		TracingTargets flat = new TracingTargets(List.of("com.example.*"), List.of());
		assertThat(flat.matches("com.example.Cart")).isTrue();
		assertThat(flat.matches("com.example.shop.Cart")).isFalse();

		TracingTargets suffix = new TracingTargets(List.of("com.example.*Service"), List.of());
		assertThat(suffix.matches("com.example.OrderService")).isTrue();
		assertThat(suffix.matches("com.example.OrderController")).isFalse();
	}

	@Test
	void excludeWinsOverInclude() {
		TracingTargets targets = new TracingTargets(List.of("com.example.**"), List.of("com.example.generated.**"));
		assertThat(targets.matches("com.example.Cart")).isTrue();
		assertThat(targets.matches("com.example.generated.Mapper")).isFalse();
	}

	@Test
	void theEngineAndGeneratedClassesAreNeverTraced() {
		TracingTargets everything = new TracingTargets(List.of("io.**", "net.**", "com.**"), List.of());
		assertThat(everything.matches("io.github.profiling.tracing.ThreadCalls")).isFalse();
		assertThat(everything.matches("io.github.profiling.context.Scope")).isFalse();
		assertThat(everything.matches("net.bytebuddy.asm.Advice")).isFalse();
		assertThat(everything.matches("com.example.Cart$$SpringCGLIB$$0")).isFalse();
		assertThat(everything.matches("com.example.Cart")).isTrue();
	}

	@Test
	void malformedPatternsNameTheProperty() {
		assertThatThrownBy(() -> new TracingTargets(List.of("com.example/**"), List.of()))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("com.example/**")
			.extracting((ex) -> ((InvalidSettingException) ex).parameter())
			.isEqualTo("tracing.include");
		assertThatThrownBy(() -> new TracingTargets(List.of("com.example.**"), List.of("a..b")))
			.isInstanceOf(InvalidSettingException.class)
			.extracting((ex) -> ((InvalidSettingException) ex).parameter())
			.isEqualTo("tracing.exclude");
	}

	@Test
	void blankPatternsAreIgnoredAndCommaSeparatedTextSplits() {
		assertThat(new TracingTargets(List.of(" ", ""), List.of()).isEmpty()).isTrue();
		assertThat(TracingTargets.split("com.a.**, com.b.* ,,")).containsExactly("com.a.**", "com.b.*");
	}

	@Test
	void patternsThatNameNoPackageOrTheJdkAreRefusedWithTheReason() {
		for (String pattern : List.of("**", "*", "*.**", "*Service")) {
			assertThatThrownBy(() -> new TracingTargets(List.of(pattern), List.of())).as(pattern)
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("names no package");
		}
		for (String pattern : List.of("java.**", "java.util.*", "jdk.internal.**", "sun.misc.Unsafe", "com.sun.**")) {
			assertThatThrownBy(() -> new TracingTargets(List.of(pattern), List.of())).as(pattern)
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("JDK");
		}
		// Excluding is harmless whatever it names.
		assertThat(new TracingTargets(List.of("com.example.**"), List.of("**")).matches("com.example.Cart")).isFalse();
	}

	@Test
	void theCountAndLengthOfPatternsAreBounded() {
		List<String> many = new java.util.ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			many.add("com.example.C" + i);
		}
		long start = System.nanoTime();
		assertThatThrownBy(() -> new TracingTargets(many, List.of())).isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("more than 100 patterns");
		assertThatThrownBy(() -> new TracingTargets(List.of("com.example.**"), many))
			.isInstanceOf(InvalidSettingException.class)
			.extracting((ex) -> ((InvalidSettingException) ex).parameter())
			.isEqualTo("tracing.exclude");
		String huge = "com.example." + "a".repeat(100_000);
		assertThatThrownBy(() -> new TracingTargets(List.of(huge), List.of()))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("longer than 256")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
		assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(2));
		// A hundred patterns are fine, and match as one.
		TracingTargets hundred = new TracingTargets(many.subList(0, 100), List.of());
		assertThat(hundred.matches("com.example.C99")).isTrue();
		assertThat(hundred.matches("com.example.C100")).isFalse();
	}

}
