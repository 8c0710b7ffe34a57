package io.github.profiling.model;

/**
 * Turns a Java frame into its display name {@code package.Class.method}, folding the
 * per-class numbers of generated classes ({@code Foo$$Lambda/0x0000012345},
 * {@code Foo$$Lambda$12/0x...}) so that each lambda site is one frame however often it is
 * regenerated.
 */
public final class FrameNames {

	private FrameNames() {
	}

	public static String of(String className, String methodName) {
		return normalizeClassName(className) + '.' + methodName;
	}

	static String normalizeClassName(String className) {
		int lambda = className.indexOf("$$Lambda");
		if (lambda >= 0) {
			return className.substring(0, lambda + "$$Lambda".length());
		}
		int hidden = className.indexOf("/0x");
		return (hidden >= 0) ? className.substring(0, hidden) : className;
	}

}
