package io.github.profiling.autoconfigure.tagging;

import io.github.profiling.context.ProfilingContext;
import io.github.profiling.context.TagSet;
import io.github.profiling.model.FrameNames;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Registers every MVC handler method with the route it serves as {@code StackTags}, so
 * that a sampler that sees a virtual thread only as its carrier (async-profiler) can
 * still tag the sample by the handler frame on its stack. A handler mapped to one route
 * gets {@code http.route} (and {@code http.method} when it accepts exactly one); a
 * handler with several routes implies nothing. Header tags and users' own scopes cannot
 * be recovered this way: such samples carry the route and method only.
 */
public class HandlerStackTags implements SmartInitializingSingleton {

	private final ListableBeanFactory beans;

	private final ProfilingContext context;

	public HandlerStackTags(ListableBeanFactory beans, ProfilingContext context) {
		this.beans = beans;
		this.context = context;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (RequestMappingInfoHandlerMapping mapping : this.beans
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			mapping.getHandlerMethods().forEach(this::register);
		}
	}

	private void register(RequestMappingInfo info, HandlerMethod handler) {
		Set<String> routes = info.getPatternValues();
		if (routes.size() != 1) {
			return;
		}
		Map<String, String> tags = new LinkedHashMap<>();
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		if (methods.size() == 1) {
			tags.put(RequestTags.METHOD, methods.iterator().next().name());
		}
		tags.put(RequestTags.ROUTE, routes.iterator().next());
		String frame = FrameNames.of(handler.getMethod().getDeclaringClass().getName(), handler.getMethod().getName());
		this.context.stackTags().register(frame, TagSet.of(tags));
	}

}
