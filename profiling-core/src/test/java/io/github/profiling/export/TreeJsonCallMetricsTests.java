package io.github.profiling.export;

import io.github.profiling.model.FrameTable;
import io.github.profiling.store.QueryResult;
import io.github.profiling.tree.CallTree;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreeJsonCallMetricsTests {

	@Test
	void tracedTreesCarryCallsAndNanosecondsPerNode() {
		FrameTable frames = new FrameTable(100);
		int handle = frames.intern("com.example.Cart.total");
		CallTree tree = new CallTree();
		int node = tree.create(CallTree.ROOT, handle);
		tree.addPath(CallTree.ROOT, new int[] { handle }, 1, 1500);
		tree.addCalls(node, 3, 1500, 1500);
		String json = TreeJson.write(new TreeJson.Header("tracer", "wall", "nanoseconds"),
				new QueryResult(tree, frames, Instant.EPOCH, Instant.EPOCH));
		assertThat(json).contains("\"unit\":\"nanoseconds\"")
			.contains(
					"{\"name\":\"com.example.Cart.total\",\"own\":1500,\"deep\":1500,\"calls\":3,\"ownNanos\":1500,\"deepNanos\":1500,\"children\":[]}")
			.contains("{\"name\":\"all\",\"own\":0,\"deep\":1500,\"calls\":0,\"ownNanos\":0,\"deepNanos\":0,");
	}

	@Test
	void sampledTreesKeepTheirShape() {
		FrameTable frames = new FrameTable(100);
		CallTree tree = new CallTree();
		tree.add(new int[] { frames.intern("a.B.c") }, 1, 2);
		String json = TreeJson.write(new TreeJson.Header("jdk", "cpu", "samples"),
				new QueryResult(tree, frames, Instant.EPOCH, Instant.EPOCH));
		assertThat(json).doesNotContain("calls").contains("{\"name\":\"a.B.c\",\"own\":2,\"deep\":2,\"children\":[]}");
	}

}
