package io.github.profiling.shop.probe;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows the load's valid form posts add to the shop's in-memory database (reviews,
 * orders and their lines), counted and deleted again: so that a heap figure of the shop's
 * JVM is not the database's growth.
 */
public final class ShopDatabase {

	private final JdbcTemplate jdbc;

	private final long lastSeededReview;

	private final long lastSeededOrder;

	private ShopDatabase(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.lastSeededReview = maxId("review");
		this.lastSeededOrder = maxId("orders");
	}

	/**
	 * The shop's database as it is now, before any load: what is there now is the seed.
	 */
	public static ShopDatabase of(RunningShop shop) {
		return new ShopDatabase(new JdbcTemplate(shop.bean(DataSource.class)));
	}

	/** Reviews and orders added since the seed. */
	public long addedRows() {
		return count("select count(*) from review where id > ?", this.lastSeededReview)
				+ count("select count(*) from orders where id > ?", this.lastSeededOrder);
	}

	/** Deletes the reviews and orders added since the seed; returns how many. */
	public long deleteAdded() {
		long reviews = this.jdbc.update("delete from review where id > ?", this.lastSeededReview);
		this.jdbc.update("delete from order_line where order_id > ?", this.lastSeededOrder);
		long orders = this.jdbc.update("delete from orders where id > ?", this.lastSeededOrder);
		return reviews + orders;
	}

	private long maxId(String table) {
		Long max = this.jdbc.queryForObject("select max(id) from " + table, Long.class);
		return (max != null) ? max : 0;
	}

	private long count(String sql, long above) {
		Long count = this.jdbc.queryForObject(sql, Long.class, above);
		return (count != null) ? count : 0;
	}

}
