package io.github.profiling.tracing;

import io.github.profiling.model.FrameNames;
import io.github.profiling.model.FrameTable;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Puts {@link TracingAdvice} into every method (not constructors) of the classes that
 * {@link TracingTargets} select, those loaded already (by retransformation) and those
 * loaded later; {@link #close()} retransforms them back to their original code. Only
 * classes whose class loader sees this library's {@link CallRecorder} are instrumented,
 * since their code will call it.
 */
final class ClassInstrumenter implements AutoCloseable {

	private static final int RETRANSFORM_BATCH = 50;

	private final Instrumentation instrumentation;

	private final ResettableClassFileTransformer transformer;

	private final ParameterNamesKeeper parameterNamesKeeper;

	private final AtomicInteger classes = new AtomicInteger();

	private final AtomicInteger methods = new AtomicInteger();

	private final AtomicLong errors = new AtomicLong();

	private volatile String lastError;

	private ClassInstrumenter(Instrumentation instrumentation, TracingTargets targets, FrameTable frames,
			ParameterNamesKeeper parameterNamesKeeper) {
		this.instrumentation = instrumentation;
		this.parameterNamesKeeper = parameterNamesKeeper;
		Advice advice = Advice.withCustomMapping()
			.bind(FrameId.class, new FrameIdOfMethod(frames))
			.to(TracingAdvice.class);
		this.transformer = new AgentBuilder.Default().disableClassFormatChanges()
			// Decorate: only the advice is woven in, the rest of the class file is kept
			// as it is
			// (parameter names, annotations, which frameworks read by reflection).
			.with(AgentBuilder.TypeStrategy.Default.DECORATE)
			.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
			// The JVM retransforms a batch of loaded classes all or nothing: one class it
			// refuses
			// would leave every other one untraced, silently. Small batches, split on
			// failure, and
			// each class that still fails counted as an error.
			.with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(RETRANSFORM_BATCH))
			.with(AgentBuilder.RedefinitionStrategy.Listener.BatchReallocator.splitting())
			.with(new CountingRetransformation())
			.with(new Counting())
			.type((type) -> !type.isAnnotation() && targets.matches(type.getName()), ClassInstrumenter::seesRecorder)
			.transform(
					(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader, JavaModule module,
							java.security.ProtectionDomain domain) -> builder.visit(advice
								.on(isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isBridge())))))
			.installOn(instrumentation);
	}

	/**
	 * Instruments the loaded classes that match now, and every matching class loaded
	 * later.
	 */
	static ClassInstrumenter install(Instrumentation instrumentation, TracingTargets targets, FrameTable frames) {
		// Registered first, so that the advice is woven into class files that have their
		// parameter names.
		ParameterNamesKeeper keeper = new ParameterNamesKeeper(targets);
		instrumentation.addTransformer(keeper, true);
		try {
			return new ClassInstrumenter(instrumentation, targets, frames, keeper);
		}
		catch (RuntimeException | LinkageError ex) {
			instrumentation.removeTransformer(keeper);
			throw ex;
		}
	}

	private static boolean seesRecorder(ClassLoader loader) {
		if (loader == null) {
			return false;
		}
		try {
			return Class.forName(CallRecorder.class.getName(), false, loader) == CallRecorder.class;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	int classes() {
		return this.classes.get();
	}

	int methods() {
		return this.methods.get();
	}

	long errors() {
		return this.errors.get();
	}

	String lastError() {
		return this.lastError;
	}

	/**
	 * Removes the transformer and retransforms every class it changed back to its
	 * original code.
	 */
	@Override
	public void close() {
		try {
			this.transformer.reset(this.instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
		}
		finally {
			this.instrumentation.removeTransformer(this.parameterNamesKeeper);
		}
	}

	/**
	 * Binds {@link FrameId} to a constant: the interned frame id of the method being
	 * instrumented.
	 */
	private final class FrameIdOfMethod implements Advice.OffsetMapping {

		private final FrameTable frames;

		FrameIdOfMethod(FrameTable frames) {
			this.frames = frames;
		}

		@Override
		public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
				Advice.ArgumentHandler argumentHandler, Sort sort) {
			ClassInstrumenter.this.methods.incrementAndGet();
			int frameId = this.frames
				.intern(FrameNames.of(instrumentedType.getName(), instrumentedMethod.getInternalName()));
			return new Target.ForStackManipulation(IntegerConstant.forValue(frameId));
		}

	}

	/**
	 * Counts the loaded classes the JVM refused to retransform, once split down to one
	 * class.
	 */
	private final class CountingRetransformation extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {

		@Override
		public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
				List<Class<?>> types) {
			if (batch.size() == 1) {
				ClassInstrumenter.this.errors.incrementAndGet();
				ClassInstrumenter.this.lastError = "could not retransform " + batch.get(0).getName() + ": " + throwable;
			}
			return List.of();
		}

	}

	/** Counts what was instrumented and what failed, for the status. */
	private final class Counting extends AgentBuilder.Listener.Adapter {

		@Override
		public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
				DynamicType dynamicType) {
			ClassInstrumenter.this.classes.incrementAndGet();
		}

		@Override
		public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
				Throwable throwable) {
			ClassInstrumenter.this.errors.incrementAndGet();
			ClassInstrumenter.this.lastError = "could not instrument " + typeName + ": " + throwable;
		}

	}

}
