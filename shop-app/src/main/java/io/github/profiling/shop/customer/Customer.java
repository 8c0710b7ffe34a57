package io.github.profiling.shop.customer;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** Someone who buys at the shop. */
@Entity
public class Customer {

	@Id
	@GeneratedValue
	private Long id;

	@Column(nullable = false)
	private String firstName;

	@Column(nullable = false)
	private String lastName;

	@Column(nullable = false, unique = true)
	private String email;

	private String city;

	private LocalDate memberSince;

	protected Customer() {
	}

	public Customer(String firstName, String lastName, String email, String city, LocalDate memberSince) {
		this.firstName = firstName;
		this.lastName = lastName;
		this.email = email;
		this.city = city;
		this.memberSince = memberSince;
	}

	public Long getId() {
		return this.id;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public String getFullName() {
		return this.firstName + " " + this.lastName;
	}

	public String getEmail() {
		return this.email;
	}

	public String getCity() {
		return this.city;
	}

	public LocalDate getMemberSince() {
		return this.memberSince;
	}

}
