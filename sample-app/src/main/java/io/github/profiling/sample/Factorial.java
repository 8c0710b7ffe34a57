package io.github.profiling.sample;

import java.math.BigInteger;

/** n!, the plain way: the work the demo wants to see in the profile. */
final class Factorial {

	private Factorial() {
	}

	static BigInteger of(int n) {
		BigInteger result = BigInteger.ONE;
		for (int i = 2; i <= n; i++) {
			result = result.multiply(BigInteger.valueOf(i));
		}
		return result;
	}

}
