package io.github.profiling.autoconfigure;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Load on the tracing test app, and finding its nodes in tree JSON. */
final class TracingTestSupport {

	static final String APP = "io.github.profiling.tracingapp.TracingTestApplication$";

	static final String PRICE = APP + "ShopController.price";

	static final String STOCK = APP + "ShopController.stock";

	static final String TOTAL = APP + "PriceCalculator.total";

	static final String UNIT_PRICE = APP + "PriceCalculator.unitPrice";

	private TracingTestSupport() {
	}

	/**
	 * Sends {@code requests} GETs to {@code path} from {@code clients} threads and fails
	 * unless every one answered 200 within a minute: exact call counts need every request
	 * served.
	 */
	static void load(int port, String path, int clients, int requests) throws InterruptedException {
		new EndpointClient(port).load(path, clients, requests);
	}

	/** The child of {@code node} named {@code name}; fails if there is none. */
	static JsonNode child(JsonNode node, String name) {
		for (JsonNode child : node.get("children")) {
			if (child.get("name").asString().equals(name)) {
				return child;
			}
		}
		throw new AssertionError("no child " + name + " below " + node.get("name").asString() + ": " + node);
	}

	/**
	 * Calls counted on {@code node}, after checking that it carries every call metric.
	 */
	static long calls(JsonNode node) {
		for (String field : new String[] { "calls", "ownNanos", "deepNanos" }) {
			assertThat(node.has(field)).as("%s of %s", field, node.get("name")).isTrue();
		}
		return node.get("calls").asLong();
	}

	/**
	 * Every node: own == ownNanos (the weight is OWN time), deepNanos == own + Σ
	 * children.deepNanos.
	 */
	static void assertNanosecondsAgree(JsonNode node, boolean isRoot) {
		long childrenDeepNanos = 0;
		for (JsonNode child : node.get("children")) {
			childrenDeepNanos += child.get("deepNanos").asLong();
			assertNanosecondsAgree(child, false);
		}
		if (!isRoot) {
			assertThat(node.get("own").asLong()).isEqualTo(node.get("ownNanos").asLong());
			assertThat(node.get("deepNanos").asLong()).as("deep time of %s covers its callees'", node.get("name"))
				.isEqualTo(node.get("ownNanos").asLong() + childrenDeepNanos);
		}
	}

}
