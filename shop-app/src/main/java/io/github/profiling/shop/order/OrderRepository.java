package io.github.profiling.shop.order;

import java.util.List;
import java.util.Optional;

import io.github.profiling.shop.customer.Customer;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OrderRepository extends JpaRepository<CustomerOrder, Long> {

	List<CustomerOrder> findByCustomerOrderByPlacedAtDesc(Customer customer, Pageable pageable);

	long countByCustomer(Customer customer);

	@EntityGraph(attributePaths = "customer")
	Page<CustomerOrder> findAllByOrderByPlacedAtDesc(Pageable pageable);

	@Query("select distinct o from CustomerOrder o join fetch o.customer left join fetch o.lines l left join fetch l.product where o.id = ?1")
	Optional<CustomerOrder> findWithLines(Long id);

	@Query("select o.id from CustomerOrder o order by o.id")
	List<Long> findAllIds();

}
