package io.github.profiling.sampler;

/**
 * Whether a sampler's machinery works (its files, its native library, its event stream),
 * for the status: a sampler whose machinery broke is {@code degraded} with the reason
 * until it delivers samples again. The first breakdown is logged as a warning with its
 * cause, later ones as information, so that a machine whose temp-directory cleaner runs
 * every hour does not fill its log; the status shows every one.
 */
public final class SamplerHealth {

	private static final System.Logger logger = System.getLogger(SamplerHealth.class.getName());

	private final String samplerName;

	private volatile String degradedReason;

	private volatile long breakdowns;

	public SamplerHealth(String samplerName) {
		this.samplerName = samplerName;
	}

	/** The machinery broke: samples stop until it recovers. Logged once per breakdown. */
	public synchronized void degraded(String reason) {
		if (this.degradedReason == null) {
			this.breakdowns++;
			System.Logger.Level level = (this.breakdowns == 1) ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
			logger.log(level, "Profiling sampler " + this.samplerName + " is degraded, samples stop until it recovers: "
					+ reason);
		}
		this.degradedReason = reason;
	}

	/** Samples flow again. */
	public synchronized void recovered(String how) {
		if (this.degradedReason != null) {
			logger.log(System.Logger.Level.INFO, "Profiling sampler " + this.samplerName + " recovered: " + how);
			this.degradedReason = null;
		}
	}

	/** Why the sampler is degraded now, or {@code null} if it works. */
	public String degradedReason() {
		return this.degradedReason;
	}

	/** How many times the machinery broke. */
	public long breakdowns() {
		return this.breakdowns;
	}

}
