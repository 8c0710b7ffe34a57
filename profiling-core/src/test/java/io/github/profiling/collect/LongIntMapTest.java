package io.github.profiling.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LongIntMapTest {

	@Test
	void aKeyNeverPutIsMissing() {
		LongIntMap map = new LongIntMap(4);
		assertThat(map.get(42)).isEqualTo(LongIntMap.MISSING);
		map.put(1, 10);
		assertThat(map.get(42)).isEqualTo(LongIntMap.MISSING);
		assertThat(map.get(0)).isEqualTo(LongIntMap.MISSING);
		assertThat(map.size()).isEqualTo(1);
	}

	@Test
	void zeroNegativeAndExtremeKeysAreKeysLikeAnyOther() {
		LongIntMap map = new LongIntMap(4);
		long[] keys = { 0, -1, -42, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1 };
		for (int i = 0; i < keys.length; i++) {
			assertThat(map.put(keys[i], i)).isEqualTo(LongIntMap.MISSING);
		}
		assertThat(map.size()).isEqualTo(keys.length);
		for (int i = 0; i < keys.length; i++) {
			assertThat(map.get(keys[i])).as("key %d", keys[i]).isEqualTo(i);
		}
		assertThat(map.get(1)).isEqualTo(LongIntMap.MISSING);
	}

	@Test
	void putReplacesAndReturnsThePreviousValue() {
		LongIntMap map = new LongIntMap(4);
		assertThat(map.put(7, 1)).isEqualTo(LongIntMap.MISSING);
		assertThat(map.put(7, 2)).isEqualTo(1);
		assertThat(map.get(7)).isEqualTo(2);
		assertThat(map.size()).isEqualTo(1);
	}

	@Test
	void putIfAbsentKeepsTheValueAKeyHas() {
		LongIntMap map = new LongIntMap(4);
		assertThat(map.putIfAbsent(7, 1)).isEqualTo(LongIntMap.MISSING);
		assertThat(map.putIfAbsent(7, 2)).isEqualTo(1);
		assertThat(map.get(7)).isEqualTo(1);
		assertThat(map.size()).isEqualTo(1);
	}

	@Test
	void valueZeroIsAValueAndNegativeValuesAreRejected() {
		LongIntMap map = new LongIntMap(4);
		map.put(5, 0);
		assertThat(map.get(5)).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> map.put(6, -1));
		assertThatIllegalArgumentException().isThrownBy(() -> map.putIfAbsent(6, -2));
		assertThat(map.get(6)).isEqualTo(LongIntMap.MISSING);
		assertThat(map.size()).isEqualTo(1);
	}

	@Test
	void keysOfOneHomeSlotAreAllFoundAndSurviveRemovalsInTheirChain() {
		LongIntMap map = new LongIntMap(8);
		assertThat(map.capacity()).isEqualTo(16);
		// Five keys whose hash picks the last slot: their chain wraps round to the start.
		List<Long> colliding = keysWithHomeSlot(15, 16, 5);
		for (int i = 0; i < colliding.size(); i++) {
			map.put(colliding.get(i), i);
		}
		assertThat(map.capacity()).isEqualTo(16);
		for (int i = 0; i < colliding.size(); i++) {
			assertThat(map.get(colliding.get(i))).isEqualTo(i);
		}

		assertThat(map.remove(colliding.get(0))).isZero();
		assertThat(map.remove(colliding.get(2))).isEqualTo(2);

		assertThat(map.get(colliding.get(0))).isEqualTo(LongIntMap.MISSING);
		assertThat(map.get(colliding.get(2))).isEqualTo(LongIntMap.MISSING);
		assertThat(map.get(colliding.get(1))).isEqualTo(1);
		assertThat(map.get(colliding.get(3))).isEqualTo(3);
		assertThat(map.get(colliding.get(4))).isEqualTo(4);
		assertThat(map.size()).isEqualTo(3);
	}

	@Test
	void removalKeepsKeysOfOtherHomeSlotsThatShareTheProbePath() {
		LongIntMap map = new LongIntMap(8);
		// Slots 3 to 6 hold keys of homes 3, 4, 4, 3. Removing the one in slot 3 must
		// leave
		// the home-4 keys where they are (a lookup starts at 4) and move the last home-3
		// key back.
		List<Long> atThree = keysWithHomeSlot(3, 16, 2);
		List<Long> atFour = keysWithHomeSlot(4, 16, 2);
		map.put(atThree.get(0), 30);
		map.put(atFour.get(0), 40);
		map.put(atFour.get(1), 41);
		map.put(atThree.get(1), 31);

		assertThat(map.remove(atThree.get(0))).isEqualTo(30);

		assertThat(map.get(atThree.get(1))).isEqualTo(31);
		assertThat(map.get(atFour.get(0))).isEqualTo(40);
		assertThat(map.get(atFour.get(1))).isEqualTo(41);
		assertThat(map.remove(atFour.get(0))).isEqualTo(40);
		assertThat(map.get(atFour.get(1))).isEqualTo(41);
		assertThat(map.get(atThree.get(1))).isEqualTo(31);
		assertThat(map.size()).isEqualTo(2);
	}

	@Test
	void removingAMissingKeyChangesNothing() {
		LongIntMap map = new LongIntMap(4);
		map.put(1, 1);
		assertThat(map.remove(2)).isEqualTo(LongIntMap.MISSING);
		assertThat(map.size()).isEqualTo(1);
		assertThat(map.get(1)).isEqualTo(1);
	}

	@Test
	void growsPastItsExpectedSizeKeepingEveryKey() {
		LongIntMap map = new LongIntMap(2);
		int initial = map.capacity();
		for (int i = 0; i < 10_000; i++) {
			map.put(LongIntMap.key(i % 100, i / 100), i);
		}
		assertThat(map.size()).isEqualTo(10_000);
		assertThat(map.capacity()).isGreaterThan(initial).isGreaterThanOrEqualTo(2 * 10_000);
		assertThat(Integer.bitCount(map.capacity())).isEqualTo(1);
		for (int i = 0; i < 10_000; i++) {
			assertThat(map.get(LongIntMap.key(i % 100, i / 100))).isEqualTo(i);
		}
		assertThat(map.retainedBytes()).isEqualTo(map.capacity() * 12L);
	}

	@Test
	void holdsItsExpectedSizeWithoutGrowing() {
		LongIntMap map = new LongIntMap(100);
		int capacity = map.capacity();
		for (int i = 0; i < 100; i++) {
			map.put(i * 1_000_003L, i);
		}
		assertThat(map.capacity()).isEqualTo(capacity);
	}

	@Test
	void clearForgetsEveryKeyAndKeepsTheTable() {
		LongIntMap map = new LongIntMap(4);
		for (int i = 0; i < 100; i++) {
			map.put(i, i);
		}
		int capacity = map.capacity();
		map.clear();
		assertThat(map.size()).isZero();
		assertThat(map.capacity()).isEqualTo(capacity);
		for (int i = 0; i < 100; i++) {
			assertThat(map.get(i)).isEqualTo(LongIntMap.MISSING);
		}
		map.put(3, 33);
		assertThat(map.get(3)).isEqualTo(33);
	}

	@Test
	void aPairKeyKeepsBothHalves() {
		assertThat(LongIntMap.key(1, -1)).isEqualTo(0x1_FFFF_FFFFL);
		assertThat(LongIntMap.key(-1, 1)).isEqualTo(0xFFFF_FFFF_0000_0001L);
		assertThat(LongIntMap.key(0, -1)).isNotEqualTo(LongIntMap.key(-1, -1));
		assertThat(LongIntMap.key(0, 0)).isZero();
	}

	@Test
	void agreesWithAHashMapOverManyPutsAndRemovals() {
		Random random = new Random(20261202L);
		LongIntMap map = new LongIntMap(4);
		Map<Long, Integer> expected = new HashMap<>();
		for (int step = 0; step < 200_000; step++) {
			// Few distinct keys, so that removals hit and chains form, spread over the
			// whole range.
			long key = (random.nextInt(512) - 256) * 0x0100_0000_0000_0001L;
			int operation = random.nextInt(4);
			int value = random.nextInt(1000);
			if (operation == 0) {
				assertThat(map.remove(key)).isEqualTo(expected.getOrDefault(key, LongIntMap.MISSING));
				expected.remove(key);
			}
			else if (operation == 1) {
				assertThat(map.putIfAbsent(key, value)).isEqualTo(expected.getOrDefault(key, LongIntMap.MISSING));
				expected.putIfAbsent(key, value);
			}
			else if (operation == 2) {
				assertThat(map.put(key, value)).isEqualTo(expected.getOrDefault(key, LongIntMap.MISSING));
				expected.put(key, value);
			}
			else {
				assertThat(map.get(key)).isEqualTo(expected.getOrDefault(key, LongIntMap.MISSING));
			}
			assertThat(map.size()).isEqualTo(expected.size());
		}
		for (Map.Entry<Long, Integer> entry : expected.entrySet()) {
			assertThat(map.get(entry.getKey())).isEqualTo(entry.getValue());
		}
	}

	@Test
	void theHashSpreadsKeysThatDifferOnlyInTheirUpperHalf() {
		boolean[] used = new boolean[1024];
		int distinct = 0;
		for (int high = 0; high < 512; high++) {
			int slot = LongIntMap.hash(LongIntMap.key(high, 7)) & 1023;
			if (!used[slot]) {
				used[slot] = true;
				distinct++;
			}
		}
		// 512 keys into 1024 slots at random leave about 400 slots distinct; a hash that
		// ignored the upper half would put them all in one.
		assertThat(distinct).isGreaterThan(300);
	}

	private static List<Long> keysWithHomeSlot(int slot, int capacity, int count) {
		List<Long> keys = new ArrayList<>();
		for (long key = 0; keys.size() < count; key++) {
			if ((LongIntMap.hash(key) & (capacity - 1)) == slot) {
				keys.add(key);
			}
		}
		return keys;
	}

}
