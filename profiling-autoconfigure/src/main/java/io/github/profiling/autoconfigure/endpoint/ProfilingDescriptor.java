package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.sampler.SamplerProvider.Availability;
import io.github.profiling.tracing.TracingTargets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/profiling} answers: the {@link ProfilerStatus}, the
 * endpoint's own state (live streams, whether changes are allowed) and the sections other
 * beans keep ({@code export}).
 * <p>
 * Its JSON does not depend on the mapper that writes it: the actuator's own mapper leaves
 * out nulls, the application's may not, so every field says whether it is written when
 * null. The fields of some states only ({@code degradedReason}, {@code tracing},
 * {@code export}, {@code problem}, {@code lastError}) are left out when absent; the
 * others are always written, {@code sampler} and {@code startedAt} as {@code null} while
 * nothing runs.
 *
 * @param changes {@code unrestricted} or {@code read-only}: whether the write operation
 * runs
 * @param tracing the classes tracing instruments, absent while there are none
 * @param export the sections of other beans by name, such as an exporter's, absent when
 * none
 */
@JsonInclude(Include.ALWAYS)
@JsonPropertyOrder({ "mode", "sampler", "event", "intervalMillis", "running", "state", "degradedReason", "startedAt",
		"samples", "droppedSamples", "errors", "nodes", "maxNodes", "storeBytes", "retainedSeconds", "dataSince",
		"samplers", "tagKeys", "liveStreams", "liveEventsSkipped", "onDemand", "changes", "tracing", "export",
		"problem", "lastError" })
public record ProfilingDescriptor(String mode, @Nullable String sampler, String event, long intervalMillis,
		boolean running, String state, @JsonInclude(Include.NON_NULL) @Nullable String degradedReason,
		@Nullable String startedAt, long samples, long droppedSamples, long errors, long nodes, long maxNodes,
		long storeBytes, long retainedSeconds, String dataSince, Map<String, SamplerDescriptor> samplers,
		List<String> tagKeys, int liveStreams, long liveEventsSkipped, boolean onDemand, String changes,
		@JsonInclude(Include.NON_NULL) @Nullable TracingDescriptor tracing,
		// A section's own nulls are written, as its bean gave them.
		@JsonInclude(value = Include.NON_NULL,
				content = Include.ALWAYS) @Nullable Map<String, Map<String, Object>> export,
		@JsonInclude(Include.NON_NULL) @Nullable String problem,
		@JsonInclude(Include.NON_NULL) @Nullable String lastError) implements OperationResponseBody {

	static final String UNRESTRICTED = "unrestricted";

	static final String READ_ONLY = "read-only";

	/**
	 * @param liveStreams the live streams open now
	 * @param liveEventsSkipped the live events not sent because their client had not read
	 * the one before
	 * @param changesAllowed whether the endpoint's write operation runs
	 * @param tracing the classes tracing instruments
	 * @param export the sections of other beans, in their order; empty for none
	 */
	static ProfilingDescriptor of(ProfilerStatus status, int liveStreams, long liveEventsSkipped,
			boolean changesAllowed, TracingTargets tracing, Map<String, Map<String, Object>> export) {
		Map<String, SamplerDescriptor> samplers = new LinkedHashMap<>();
		status.samplers().forEach((name, availability) -> samplers.put(name, SamplerDescriptor.of(availability)));
		return new ProfilingDescriptor(status.mode().id(), status.sampler(), status.event(), status.intervalMillis(),
				status.running(), status.state(), status.degradedReason(),
				(status.startedAt() != null) ? status.startedAt().toString() : null, status.samples(),
				status.droppedSamples(), status.errors(), status.nodes(), status.maxNodes(), status.storeBytes(),
				status.retainedSeconds(), status.dataSince().toString(), samplers, status.tagKeys(), liveStreams,
				liveEventsSkipped, status.onDemand(), changesAllowed ? UNRESTRICTED : READ_ONLY,
				tracing.isEmpty() ? null : new TracingDescriptor(tracing.include(), tracing.exclude()),
				export.isEmpty() ? null : export, status.problem(), status.lastError());
	}

	/** Whether a sampler can run here, and why (or why not). */
	@JsonInclude(Include.ALWAYS)
	@JsonPropertyOrder({ "available", "reason" })
	public record SamplerDescriptor(boolean available, String reason) {

		static SamplerDescriptor of(Availability availability) {
			return new SamplerDescriptor(availability.available(), availability.reason());
		}

	}

	/** The patterns of the classes tracing instruments, and of those it leaves out. */
	@JsonInclude(Include.ALWAYS)
	@JsonPropertyOrder({ "include", "exclude" })
	public record TracingDescriptor(List<String> include, List<String> exclude) {

	}

}
