package io.github.profiling.profiler;

import io.github.profiling.model.SampleSink;
import io.github.profiling.sampler.Sampler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each kind of sampler did over all its runs: samples delivered, dropped, failures
 * and the CPU its own threads used. The counts of a run go on while it runs; when it
 * stops they are kept (retired) and the next run adds to them, so each total only grows,
 * as a counter must.
 */
final class SamplerStatistics {

	private final Map<String, Totals> byName = new LinkedHashMap<>();

	SamplerStatistics(Iterable<String> names) {
		names.forEach((name) -> this.byName.put(name, new Totals()));
	}

	/** {@code sink}, counting each sample delivered to it as one of {@code name}'s. */
	SampleSink counting(String name, SampleSink sink) {
		LongAdder taken = totals(name).taken;
		return (sample) -> {
			taken.increment();
			sink.accept(sample);
		};
	}

	/**
	 * {@code sampler}, a run of {@code name}, starts: its counts add to the totals from
	 * now on.
	 */
	void started(String name, Sampler sampler) {
		totals(name).start(sampler);
	}

	/** The run of {@code name} stopped, its sampler closed: its final counts are kept. */
	void stopped(String name) {
		totals(name).retire();
	}

	long taken(String name) {
		Totals totals = this.byName.get(name);
		return (totals != null) ? totals.taken.sum() : 0;
	}

	long dropped(String name) {
		Totals totals = this.byName.get(name);
		return (totals != null) ? totals.dropped() : 0;
	}

	long dropped() {
		return this.byName.values().stream().mapToLong(Totals::dropped).sum();
	}

	long errors() {
		return this.byName.values().stream().mapToLong(Totals::errors).sum();
	}

	long cpuTimeNanos() {
		return this.byName.values().stream().mapToLong(Totals::cpuTimeNanos).sum();
	}

	private Totals totals(String name) {
		Totals totals = this.byName.get(name);
		if (totals == null) {
			throw new IllegalArgumentException("unknown sampler " + name);
		}
		return totals;
	}

	/**
	 * One kind's totals. The lock is held for a few reads only, never while a sampler
	 * starts or stops, so that a status read never waits on a switch.
	 */
	private static final class Totals {

		final LongAdder taken = new LongAdder();

		private Sampler running;

		private long retiredDropped;

		private long retiredErrors;

		private long retiredCpuNanos;

		synchronized void start(Sampler sampler) {
			this.running = sampler;
		}

		synchronized void retire() {
			if (this.running != null) {
				this.retiredDropped += this.running.droppedSamples();
				this.retiredErrors += this.running.errors();
				this.retiredCpuNanos += this.running.cpuTimeNanos();
				this.running = null;
			}
		}

		synchronized long dropped() {
			return this.retiredDropped + ((this.running != null) ? this.running.droppedSamples() : 0);
		}

		synchronized long errors() {
			return this.retiredErrors + ((this.running != null) ? this.running.errors() : 0);
		}

		synchronized long cpuTimeNanos() {
			return this.retiredCpuNanos + ((this.running != null) ? this.running.cpuTimeNanos() : 0);
		}

	}

}
