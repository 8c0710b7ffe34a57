package io.github.profiling.shop.catalog;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReviewRepository extends JpaRepository<Review, Long> {

	List<Review> findByProductOrderByCreatedAtDesc(Product product, Pageable pageable);

	@Query("select avg(r.rating) from Review r where r.product = ?1")
	Double averageRating(Product product);

	long countByProduct(Product product);

}
