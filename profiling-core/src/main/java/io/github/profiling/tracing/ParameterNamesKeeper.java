package io.github.profiling.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Keeps the parameter names of retransformed classes. Before JDK 22 the JVM hands
 * transformers of an already loaded class a class file rebuilt from its internal form
 * without the {@code MethodParameters} attribute (JDK-8240908; the attribute's name stays
 * in the constant pool), so retransforming a class compiled with {@code -parameters}
 * loses its parameter names, even when no transformer changes it, and frameworks that
 * bind by name (Spring's {@code @PathVariable int id}) then fail. Registered before the
 * tracer's transformer and kept while its instrumentation is removed, this transformer
 * gives such classes their class file as their class loader has it, attribute included,
 * both when they are instrumented and when they get their original code back. (A class
 * another agent changed when it was loaded would lose that change; the JVM then refuses
 * the retransformation and the class stays untraced.)
 */
final class ParameterNamesKeeper implements ClassFileTransformer {

	private static final byte[] ATTRIBUTE_NAME = "MethodParameters".getBytes(StandardCharsets.US_ASCII);

	// The JDK release that rebuilds class files with their MethodParameters attribute.
	private static final boolean JVM_KEEPS_PARAMETER_NAMES = Runtime.version().feature() >= 22;

	private final TracingTargets targets;

	ParameterNamesKeeper(TracingTargets targets) {
		this.targets = targets;
	}

	@Override
	public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
			ProtectionDomain protectionDomain, byte[] classfileBuffer) {
		if (JVM_KEEPS_PARAMETER_NAMES || classBeingRedefined == null || loader == null || internalName == null
				|| !this.targets.matches(internalName.replace('/', '.'))) {
			return null;
		}
		byte[] original = readClassFile(loader, internalName);
		return (original != null && contains(original, ATTRIBUTE_NAME)) ? original : null;
	}

	private static byte[] readClassFile(ClassLoader loader, String internalName) {
		try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
			return (in != null) ? in.readAllBytes() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Whether {@code bytes} contain {@code part}: here, whether a class was compiled with
	 * {@code -parameters}.
	 */
	static boolean contains(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i <= bytes.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
