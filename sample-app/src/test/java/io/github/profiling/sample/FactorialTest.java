package io.github.profiling.sample;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactorialTest {

	@Test
	void computesFactorials() {
		assertThat(Factorial.of(0)).isEqualTo(BigInteger.ONE);
		assertThat(Factorial.of(1)).isEqualTo(BigInteger.ONE);
		assertThat(Factorial.of(10)).isEqualTo(BigInteger.valueOf(3_628_800));
		assertThat(Factorial.of(25)).isEqualTo(new BigInteger("15511210043330985984000000"));
		assertThat(Factorial.of(3000).toString()).hasSize(9131);
	}

}
