package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.profiler.ProfilerStatus;
import io.github.profiling.store.RequestProfiles;
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
 * @param requests what the kept slowest requests hold, and their bounds
 * @param tracing the classes tracing instruments, absent while there are none
 * @param export the sections of other beans by name, such as an exporter's, absent when
 * none
 */
@JsonInclude(Include.ALWAYS)
@JsonPropertyOrder({ "mode", "sampler", "event", "intervalMillis", "running", "state", "degradedReason", "startedAt",
		"samples", "droppedSamples", "errors", "nodes", "maxNodes", "storeBytes", "retainedSeconds", "dataSince",
		"samplers", "tagKeys", "liveStreams", "liveEventsSkipped", "onDemand", "changes", "requests", "tracing",
		"export", "problem", "lastError" })
public record ProfilingDescriptor(String mode, @Nullable String sampler, String event, long intervalMillis,
		boolean running, String state, @JsonInclude(Include.NON_NULL) @Nullable String degradedReason,
		@Nullable String startedAt, long samples, long droppedSamples, long errors, long nodes, long maxNodes,
		long storeBytes, long retainedSeconds, String dataSince, Map<String, SamplerDescriptor> samplers,
		List<String> tagKeys, int liveStreams, long liveEventsSkipped, boolean onDemand, String changes,
		RequestsDescriptor requests, @JsonInclude(Include.NON_NULL) @Nullable TracingDescriptor tracing,
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
			boolean changesAllowed, RequestProfiles requests, TracingTargets tracing,
			Map<String, Map<String, Object>> export) {
		Map<String, SamplerDescriptor> samplers = new LinkedHashMap<>();
		status.samplers().forEach((name, availability) -> samplers.put(name, SamplerDescriptor.of(availability)));
		return new ProfilingDescriptor(status.mode().id(), status.sampler(), status.event(), status.intervalMillis(),
				status.running(), status.state(), status.degradedReason(),
				(status.startedAt() != null) ? status.startedAt().toString() : null, status.samples(),
				status.droppedSamples(), status.errors(), status.nodes(), status.maxNodes(), status.storeBytes(),
				status.retainedSeconds(), status.dataSince().toString(), samplers, status.tagKeys(), liveStreams,
				liveEventsSkipped, status.onDemand(), changesAllowed ? UNRESTRICTED : READ_ONLY,
				RequestsDescriptor.of(requests),
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

	/**
	 * The kept slowest requests: how many are kept per tag set and minute and from which
	 * duration, what they hold now and its bounds ({@code kept} never above
	 * {@code maxRequests}, {@code nodes} never above {@code maxNodes}), the samples that
	 * waited for their request's end and were lost before it came, and the bytes held.
	 */
	@JsonInclude(Include.ALWAYS)
	@JsonPropertyOrder({ "slowest", "minDurationMillis", "kept", "maxRequests", "nodes", "maxNodes", "bufferedSamples",
			"overwrittenSamples", "droppedSamples", "bytes" })
	public record RequestsDescriptor(int slowest, long minDurationMillis, int kept, int maxRequests, long nodes,
			long maxNodes, int bufferedSamples, long overwrittenSamples, long droppedSamples, long bytes) {

		static RequestsDescriptor of(RequestProfiles requests) {
			RequestProfiles.Settings settings = requests.settings();
			return new RequestsDescriptor(settings.slowest(), settings.minDuration().toMillis(),
					requests.keptRequests(), settings.maxRequests(), requests.nodes(), settings.maxNodes(),
					settings.bufferedSamples(), requests.overwrittenSamples(), requests.droppedSamples(),
					requests.retainedBytes());
		}

	}

	/** The patterns of the classes tracing instruments, and of those it leaves out. */
	@JsonInclude(Include.ALWAYS)
	@JsonPropertyOrder({ "include", "exclude" })
	public record TracingDescriptor(List<String> include, List<String> exclude) {

	}

}
