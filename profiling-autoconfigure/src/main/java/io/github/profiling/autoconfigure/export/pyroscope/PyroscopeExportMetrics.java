package io.github.profiling.autoconfigure.export.pyroscope;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The exporter's figures: {@code profiling.export.pushes} by result ({@code success}: a
 * window the server accepted; {@code failure}: a request that failed, retried or not;
 * {@code dropped}: a window given up, pushed out of a full queue or rejected with a 4xx),
 * the bytes sent, and the windows waiting.
 */
public class PyroscopeExportMetrics implements MeterBinder {

	private final PyroscopeExporter exporter;

	public PyroscopeExportMetrics(PyroscopeExporter exporter) {
		this.exporter = exporter;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "success", PyroscopeExporter::successes);
		counter(registry, "failure", PyroscopeExporter::failures);
		counter(registry, "dropped", PyroscopeExporter::dropped);
		FunctionCounter.builder("profiling.export.sent", this.exporter, PyroscopeExporter::bytesSent)
			.description("Bytes of profiles the server accepted")
			.baseUnit("bytes")
			.tag("exporter", "pyroscope")
			.register(registry);
		Gauge.builder("profiling.export.queued", this.exporter, PyroscopeExporter::queued)
			.description("Profile windows waiting to be pushed")
			.tag("exporter", "pyroscope")
			.register(registry);
	}

	private void counter(MeterRegistry registry, String result,
			java.util.function.ToDoubleFunction<PyroscopeExporter> count) {
		FunctionCounter.builder("profiling.export.pushes", this.exporter, count)
			.description("Profile pushes by result")
			.tag("exporter", "pyroscope")
			.tag("result", result)
			.register(registry);
	}

}
