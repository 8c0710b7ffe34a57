package io.github.profiling.model;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameNamesTest {

	@Test
	void aFrameIsItsClassAndMethodJoinedByADot() {
		assertThat(FrameNames.of("com.example.Service", "handle")).isEqualTo("com.example.Service.handle");
		assertThat(FrameNames.of("com.example.Service$Inner", "run")).isEqualTo("com.example.Service$Inner.run");
		assertThat(FrameNames.of("com.example.Service$1", "call")).isEqualTo("com.example.Service$1.call");
		assertThat(FrameNames.of("Main", "main")).isEqualTo("Main.main");
	}

	@Test
	void lambdaClassNamesLoseTheirGeneratedNumbers() {
		// JDK 17 style, JDK 21+ style, and the old style without a hidden-class suffix.
		assertThat(FrameNames.of("com.example.Service$$Lambda$14/0x0000000800c03000", "get"))
			.isEqualTo("com.example.Service$$Lambda.get");
		assertThat(FrameNames.of("com.example.Service$$Lambda/0x000001b0c1003200", "get"))
			.isEqualTo("com.example.Service$$Lambda.get");
		assertThat(FrameNames.of("com.example.Service$$Lambda$7", "apply"))
			.isEqualTo("com.example.Service$$Lambda.apply");
	}

	@Test
	void regeneratedLambdaClassesOfOneSiteShareOneName() {
		assertThat(FrameNames.of("a.B$$Lambda$12/0x0000000800001000", "run"))
			.isEqualTo(FrameNames.of("a.B$$Lambda$913/0x00000008000ff000", "run"));
	}

	@Test
	void hiddenClassNamesLoseTheirAddress() {
		assertThat(FrameNames.of("com.example.Generated/0x0000000800c01234", "invoke"))
			.isEqualTo("com.example.Generated.invoke");
		assertThat(FrameNames.of("java.lang.invoke.LambdaForm$MH/0x0000000800c0c400", "invokeExact_MT"))
			.isEqualTo("java.lang.invoke.LambdaForm$MH.invokeExact_MT");
	}

	@Test
	void theClassOfARealLambdaIsNormalized() {
		Supplier<String> lambda = () -> "x";
		String className = lambda.getClass().getName();
		assertThat(className).contains("$$Lambda");
		assertThat(FrameNames.of(className, "get")).isEqualTo(FrameNamesTest.class.getName() + "$$Lambda.get");
	}

}
