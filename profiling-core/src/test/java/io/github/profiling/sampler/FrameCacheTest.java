package io.github.profiling.sampler;

import io.github.profiling.model.FrameTable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class FrameCacheTest {

	private final FrameTable frames = new FrameTable(1_000_000);

	private final FrameCache cache = new FrameCache(this.frames);

	private static StackTraceElement frame(String className, String method, int line) {
		return new StackTraceElement(className, method, null, line);
	}

	@Test
	void aFrameGetsTheIdOfItsNormalizedName() {
		int id = this.cache.idOf(frame("com.example.Service$$Lambda$12/0x0000000800c01000", "run", -1));
		assertThat(this.frames.name(id)).isEqualTo("com.example.Service$$Lambda.run");
		assertThat(this.frames.intern("com.example.Service$$Lambda.run")).isEqualTo(id);
	}

	@Test
	void theLineDoesNotMatterOnlyClassAndMethod() {
		int a = this.cache.idOf(frame("com.example.Service", "handle", 10));
		int b = this.cache.idOf(frame(new String("com.example.Service"), new String("handle"), 42));
		int other = this.cache.idOf(frame("com.example.Service", "other", 10));
		int otherClass = this.cache.idOf(frame("com.example.Other", "handle", 10));
		assertThat(a).isEqualTo(b);
		assertThat(other).isNotEqualTo(a);
		assertThat(otherClass).isNotEqualTo(a).isNotEqualTo(other);
	}

	@Test
	void idsStayRightWhenTheCacheGrowsAndIsCleared() {
		// More distinct frames than the cache keeps (65536), twice over.
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 70_000; i++) {
				String className = "com.example.C" + (i % 1000);
				String method = "m" + (i / 1000);
				int id = this.cache.idOf(frame(className, method, i));
				if (!this.frames.name(id).equals(className + "." + method)) {
					fail("%s.%s got the id of %s", className, method, this.frames.name(id));
				}
			}
		}
		assertThat(this.frames.size()).isEqualTo(3 + 70_000);
	}

}
