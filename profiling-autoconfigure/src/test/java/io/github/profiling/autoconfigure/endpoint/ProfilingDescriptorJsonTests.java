package io.github.profiling.autoconfigure.endpoint;

import io.github.profiling.autoconfigure.endpoint.ProfilingDescriptor.RequestsDescriptor;
import io.github.profiling.autoconfigure.endpoint.ProfilingDescriptor.SamplerDescriptor;
import io.github.profiling.autoconfigure.endpoint.ProfilingDescriptor.TracingDescriptor;
import io.github.profiling.context.ProfilingContext;
import io.github.profiling.profiler.Profiler;
import io.github.profiling.model.ProfilingClock;
import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.Sampler;
import io.github.profiling.sampler.SamplerProvider;
import io.github.profiling.sampler.SamplerSettings;
import io.github.profiling.sampler.SamplingEvent;
import io.github.profiling.tracing.TracingTargets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.StaticApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of {@code GET /actuator/profiling}, pinned: its field names, their order,
 * which are left out when absent and which are written as {@code null}. Clients read it,
 * so it may not drift; and it is the same whichever mapper writes it, the actuator's
 * (which leaves out nulls) or the application's.
 */
public class ProfilingDescriptorJsonTests {

	/**
	 * Every field, in the order it is written; the HTTP tests check the served JSON by
	 * it.
	 */
	public static final List<String> FIELDS = List.of("mode", "sampler", "event", "intervalMillis", "running", "state",
			"degradedReason", "startedAt", "samples", "droppedSamples", "errors", "nodes", "maxNodes", "storeBytes",
			"retainedSeconds", "dataSince", "samplers", "tagKeys", "liveStreams", "liveEventsSkipped", "onDemand",
			"changes", "requests", "tracing", "export", "problem", "lastError");

	/** The fields of some states or configurations only. */
	public static final List<String> CONDITIONAL = List.of("degradedReason", "tracing", "export", "problem",
			"lastError");

	private Profiler profiler;

	@AfterEach
	void close() {
		if (this.profiler != null) {
			this.profiler.close();
		}
	}

	@Test
	void everyFieldPresent() {
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("state", "failing");
		section.put("url", null);
		ProfilingDescriptor descriptor = new ProfilingDescriptor("sampling", "jfr", "wall", 10, true, "degraded",
				"the stream broke", "2026-01-02T03:04:05Z", 1, 2, 3, 4, 5, 6, 7, "2026-01-02T03:04:06Z",
				Map.of("jfr", new SamplerDescriptor(true, "streamed")), List.of("http.route"), 8, 9, true,
				"unrestricted", new RequestsDescriptor(10, 0, 1, 2, 3, 4, 5, 6, 7, 8),
				new TracingDescriptor(List.of("com.example.**"), List.of("com.example.x.*")),
				Map.of("pyroscope", section), "no problem", "the last error");
		String expected = "{\"mode\":\"sampling\",\"sampler\":\"jfr\",\"event\":\"wall\",\"intervalMillis\":10,"
				+ "\"running\":true,\"state\":\"degraded\",\"degradedReason\":\"the stream broke\","
				+ "\"startedAt\":\"2026-01-02T03:04:05Z\",\"samples\":1,\"droppedSamples\":2,\"errors\":3,\"nodes\":4,"
				+ "\"maxNodes\":5,\"storeBytes\":6,\"retainedSeconds\":7,\"dataSince\":\"2026-01-02T03:04:06Z\","
				+ "\"samplers\":{\"jfr\":{\"available\":true,\"reason\":\"streamed\"}},\"tagKeys\":[\"http.route\"],"
				+ "\"liveStreams\":8,\"liveEventsSkipped\":9,\"onDemand\":true,\"changes\":\"unrestricted\","
				+ "\"requests\":{\"slowest\":10,\"minDurationMillis\":0,\"kept\":1,\"maxRequests\":2,\"nodes\":3,"
				+ "\"maxNodes\":4,\"bufferedSamples\":5,\"overwrittenSamples\":6,\"droppedSamples\":7,\"bytes\":8},"
				+ "\"tracing\":{\"include\":[\"com.example.**\"],\"exclude\":[\"com.example.x.*\"]},"
				+ "\"export\":{\"pyroscope\":{\"state\":\"failing\",\"url\":null}},\"problem\":\"no problem\","
				+ "\"lastError\":\"the last error\"}";
		for (JsonMapper mapper : mappers()) {
			assertThat(mapper.writeValueAsString(descriptor)).isEqualTo(expected);
		}
	}

	@Test
	void fieldsOfSomeStatesOnlyAreLeftOutAndTheOthersWrittenAsNull() {
		ProfilingDescriptor descriptor = new ProfilingDescriptor("off", null, "cpu", 10, false, "off", null, null, 0, 0,
				0, 0, 5, 0, 0, "2026-01-02T03:04:06Z", Map.of(), List.of(), 0, 0, false, "read-only",
				new RequestsDescriptor(0, 0, 0, 1, 0, 16, 1, 0, 0, 0), null, null, null, null);
		String expected = "{\"mode\":\"off\",\"sampler\":null,\"event\":\"cpu\",\"intervalMillis\":10,"
				+ "\"running\":false,\"state\":\"off\",\"startedAt\":null,\"samples\":0,\"droppedSamples\":0,"
				+ "\"errors\":0,\"nodes\":0,\"maxNodes\":5,\"storeBytes\":0,\"retainedSeconds\":0,"
				+ "\"dataSince\":\"2026-01-02T03:04:06Z\","
				+ "\"samplers\":{},\"tagKeys\":[],\"liveStreams\":0,\"liveEventsSkipped\":0,\"onDemand\":false,"
				+ "\"changes\":\"read-only\",\"requests\":{\"slowest\":0,\"minDurationMillis\":0,\"kept\":0,"
				+ "\"maxRequests\":1,\"nodes\":0,\"maxNodes\":16,\"bufferedSamples\":1,\"overwrittenSamples\":0,"
				+ "\"droppedSamples\":0,\"bytes\":0}}";
		for (JsonMapper mapper : mappers()) {
			assertThat(mapper.writeValueAsString(descriptor)).isEqualTo(expected);
		}
	}

	@Test
	void theEndpointsStatusTakesEveryFieldFromTheProfilerAndTheSections() {
		this.profiler = new Profiler(List.of(new IdleSampler()), new ProfilingContext(100, 100), ProfilingClock.SYSTEM,
				Duration.ofMinutes(1), 1000);
		this.profiler.setTracingTargets(new TracingTargets(List.of("com.example.**"), List.of("com.example.x.*")));
		ProfilingEndpoint endpoint = new ProfilingEndpoint(this.profiler, new LiveStreams(this.profiler, 1),
				Duration.ofMinutes(1), Duration.ofSeconds(1), "app", true, false, List.of());
		StaticApplicationContext beans = new StaticApplicationContext();
		beans.registerBean("section", StatusSection.class, () -> new StatusSection() {

			@Override
			public String name() {
				return "test";
			}

			@Override
			public Map<String, Object> status() {
				Map<String, Object> status = new LinkedHashMap<>();
				status.put("state", "idle");
				status.put("url", null);
				return status;
			}

		});
		beans.refresh();
		endpoint.setStatusSections(beans.getBeanProvider(StatusSection.class));
		for (JsonMapper mapper : mappers()) {
			JsonNode status = mapper.readTree(mapper.writeValueAsString(endpoint.status()));
			List<String> expected = new ArrayList<>(FIELDS);
			expected.removeAll(List.of("degradedReason", "problem", "lastError"));
			assertThat(status.propertyNames()).containsExactlyElementsOf(expected);
			assertThat(status.get("mode").asString()).isEqualTo("off");
			assertThat(status.get("sampler").isNull()).isTrue();
			assertThat(status.get("startedAt").isNull()).isTrue();
			assertThat(status.get("maxNodes").asLong()).isEqualTo(1000);
			assertThat(status.get("samplers").get("idle").propertyNames()).containsExactly("available", "reason");
			assertThat(status.get("samplers").get("idle").get("reason").asString()).isEqualTo("always there");
			assertThat(status.get("changes").asString()).isEqualTo("unrestricted");
			assertThat(status.get("tracing").propertyNames()).containsExactly("include", "exclude");
			assertThat(status.get("tracing").get("exclude").get(0).asString()).isEqualTo("com.example.x.*");
			assertThat(status.get("export").get("test").propertyNames()).containsExactly("state", "url");
			assertThat(status.get("export").get("test").get("url").isNull()).isTrue();
		}
		beans.close();
	}

	/** The actuator's own mapper, which leaves out nulls, and the application's. */
	private static List<JsonMapper> mappers() {
		List<JsonMapper> mappers = new ArrayList<>();
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JacksonEndpointAutoConfiguration.class, JacksonAutoConfiguration.class))
			.run((context) -> {
				mappers.add(context.getBean(EndpointJsonMapper.class).get());
				mappers.add(context.getBean(JsonMapper.class));
			});
		assertThat(mappers).hasSize(2);
		return mappers;
	}

	/** A sampler that is available and never started. */
	private static final class IdleSampler implements SamplerProvider {

		@Override
		public String name() {
			return "idle";
		}

		@Override
		public Availability availability() {
			return Availability.yes("always there");
		}

		@Override
		public boolean supports(SamplingEvent event) {
			return true;
		}

		@Override
		public Sampler start(SamplerSettings settings, SampleSink sink, Environment environment) {
			throw new UnsupportedOperationException();
		}

	}

}
