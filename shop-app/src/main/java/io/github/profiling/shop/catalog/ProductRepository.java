package io.github.profiling.shop.catalog;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ProductRepository extends JpaRepository<Product, Long> {

	Page<Product> findByCategory(Category category, Pageable pageable);

	List<Product> findTop6ByCategoryAndIdNotOrderByPriceAsc(Category category, Long id);

	@Query("select p from Product p join fetch p.category where lower(p.name) like lower(concat('%', ?1, '%')) order by p.name")
	List<Product> search(String text);

	@Query("select p.id from Product p order by p.id")
	List<Long> findAllIds();

}
