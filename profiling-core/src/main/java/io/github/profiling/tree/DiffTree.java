package io.github.profiling.tree;

import java.util.Arrays;

/**
 * Two call trees on the same frames, for comparing two profiles: a base and the profile
 * compared with it. Both trees have the same nodes, numbered alike (the union of the
 * paths of both profiles), so node {@code n} is the same call path in {@link #base()} and
 * {@link #compared()}; a path that only one profile has weighs nothing in the other. Each
 * tree keeps every invariant of a {@link CallTree} on its own, and its total is its
 * profile's.
 */
public final class DiffTree {

	private final CallTree base;

	private final CallTree compared;

	private DiffTree(CallTree base, CallTree compared) {
		this.base = base;
		this.compared = compared;
	}

	/**
	 * The union of the paths of {@code base} and {@code compared}, with the weights of
	 * each.
	 */
	public static DiffTree of(CallTree base, CallTree compared) {
		int expected = Math.max(base.size(), compared.size()) + Math.min(base.size(), compared.size()) / 4;
		DiffTree diff = new DiffTree(new CallTree(expected), new CallTree(expected));
		diff.add(base, diff.base);
		diff.add(compared, diff.compared);
		return diff;
	}

	/** The base profile's weights on the shared nodes. */
	public CallTree base() {
		return this.base;
	}

	/** The compared profile's weights on the shared nodes. */
	public CallTree compared() {
		return this.compared;
	}

	/** Number of shared nodes, the root included. */
	public int size() {
		return this.compared.size();
	}

	/**
	 * A copy for display, cut on both sides alike: a node deeper than {@code maxDepth}
	 * (root = 0) is cut, and so is one whose DEEP is below {@code minPercent} of its
	 * profile's total in both profiles. What a cut node weighed is added to the OWN of
	 * the nearest node kept, on each side, so that both invariants and both totals hold.
	 */
	public DiffTree pruned(int maxDepth, double minPercent) {
		long baseThreshold = (long) Math.ceil(this.base.total() * minPercent / 100.0);
		long comparedThreshold = (long) Math.ceil(this.compared.total() * minPercent / 100.0);
		DiffTree result = new DiffTree(new CallTree(Math.min(size(), 1024)), new CallTree(Math.min(size(), 1024)));
		int[] sources = new int[64];
		int[] targets = new int[64];
		int[] depths = new int[64];
		int top = 1;
		sources[0] = CallTree.ROOT;
		targets[0] = CallTree.ROOT;
		while (top > 0) {
			top--;
			int from = sources[top];
			int to = targets[top];
			int depth = depths[top];
			long baseKept = 0;
			long comparedKept = 0;
			for (int c = this.compared.firstChild(from); c != CallTree.NONE; c = this.compared.nextSibling(c)) {
				if (depth + 1 > maxDepth || !(reaches(this.base.deep(c), baseThreshold)
						|| reaches(this.compared.deep(c), comparedThreshold))) {
					continue;
				}
				baseKept += this.base.deep(c);
				comparedKept += this.compared.deep(c);
				if (top == sources.length) {
					sources = Arrays.copyOf(sources, top * 2);
					targets = Arrays.copyOf(targets, top * 2);
					depths = Arrays.copyOf(depths, top * 2);
				}
				sources[top] = c;
				targets[top] = result.create(to, this.compared.frame(c));
				depths[top] = depth + 1;
				top++;
			}
			set(result.base, to, this.base.deep(from) - baseKept, this.base.deep(from));
			set(result.compared, to, this.compared.deep(from) - comparedKept, this.compared.deep(from));
		}
		return result;
	}

	private static boolean reaches(long deep, long threshold) {
		return deep > 0 && deep >= threshold;
	}

	private static void set(CallTree tree, int node, long own, long deep) {
		tree.addOwn(node, own - tree.own(node));
		tree.addDeep(node, deep - tree.deep(node));
	}

	/**
	 * Adds the weights of {@code source} to {@code side}, creating the nodes both lack.
	 */
	private void add(CallTree source, CallTree side) {
		int[] sources = new int[64];
		int[] targets = new int[64];
		int top = 1;
		sources[0] = CallTree.ROOT;
		targets[0] = CallTree.ROOT;
		while (top > 0) {
			top--;
			int from = sources[top];
			int to = targets[top];
			side.addOwn(to, source.own(from));
			side.addDeep(to, source.deep(from));
			for (int c = source.firstChild(from); c != CallTree.NONE; c = source.nextSibling(c)) {
				if (top == sources.length) {
					sources = Arrays.copyOf(sources, top * 2);
					targets = Arrays.copyOf(targets, top * 2);
				}
				sources[top] = c;
				targets[top] = childOrCreate(to, source.frame(c));
				top++;
			}
		}
	}

	private int childOrCreate(int node, int frameId) {
		int existing = this.compared.child(node, frameId);
		return (existing != CallTree.NONE) ? existing : create(node, frameId);
	}

	/**
	 * A new shared node: created in both trees at once, so that its number is the same.
	 */
	private int create(int node, int frameId) {
		int created = this.compared.create(node, frameId);
		int twin = this.base.create(node, frameId);
		if (twin != created) {
			throw new IllegalStateException("the trees of a diff went out of step");
		}
		return created;
	}

}
