package com.example.shop;

import java.math.BigInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class ShopApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShopApplication.class, args);
	}

	@RestController
	static class FactorialController {

		@GetMapping("/factorial/{n}")
		String factorial(@PathVariable int n) {
			BigInteger result = BigInteger.ONE;
			for (int i = 2; i <= n; i++) {
				result = result.multiply(BigInteger.valueOf(i));
			}
			return Integer.toString(result.bitLength());
		}

	}

}
