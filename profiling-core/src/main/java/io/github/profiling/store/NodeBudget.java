package io.github.profiling.store;

/**
 * How many tree nodes a set of trees may hold. Frames get nodes from the main budget; when it
 * is spent, weight goes to {@code [truncated]} nodes, which draw from a small reserve, and once
 * that is spent too, to the one {@code [truncated]} node of the sample's group. Group nodes are
 * bounded by the group table's own cap, so the total is bounded whatever the workload.
 */
final class NodeBudget {

	private final long limit;

	private final long reserve;

	private long used;

	private long reserveUsed;

	NodeBudget(long limit) {
		this.limit = limit;
		this.reserve = Math.max(16, limit / 16);
	}

	long remaining() {
		return Math.max(0, this.limit - this.used);
	}

	void take(long nodes) {
		this.used += nodes;
	}

	boolean tryTakeReserve() {
		if (this.reserveUsed < this.reserve) {
			this.reserveUsed++;
			this.used++;
			return true;
		}
		return false;
	}

	/** Gives back the nodes of an expired tree. */
	void release(long nodes, long reserveNodes) {
		this.used -= nodes;
		this.reserveUsed -= reserveNodes;
	}

	long used() {
		return this.used;
	}

	long limit() {
		return this.limit;
	}

}
