import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * Runs an async-profiler command inside a running application, through async-profiler's own
 * Java API ({@code AsyncProfiler.getInstance().execute}): the floor of the overhead benchmark,
 * async-profiler alone in the same JVM while the profiler is off. The API is the one the
 * application's class loader loaded (a Spring Boot jar keeps it in its own loader), so that
 * there is one async-profiler in the process and the profiler can start it again later.
 */
public final class RawAsyncProfilerAgent {

	private static final String API = "one.profiler.AsyncProfiler";

	private RawAsyncProfilerAgent() {
	}

	public static void agentmain(String command, Instrumentation instrumentation) throws Exception {
		ClassLoader loader = null;
		for (Class<?> type : instrumentation.getAllLoadedClasses()) {
			if (type.getName().equals("org.springframework.boot.SpringApplication")) {
				loader = type.getClassLoader();
				break;
			}
		}
		if (loader == null) {
			throw new IllegalStateException("no Spring Boot application in this JVM");
		}
		Class<?> api = Class.forName(API, true, loader);
		Object profiler = api.getMethod("getInstance").invoke(null);
		Method execute = api.getMethod("execute", String.class);
		System.out.println("raw async-profiler: " + command + " -> " + String.valueOf(execute.invoke(profiler, command)).trim());
	}

}
