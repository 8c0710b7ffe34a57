package io.github.profiling.shop.customer;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

	Page<Customer> findByLastNameStartingWithIgnoreCase(String prefix, Pageable pageable);

	@Query("select c.id from Customer c order by c.id")
	List<Long> findAllIds();

}
