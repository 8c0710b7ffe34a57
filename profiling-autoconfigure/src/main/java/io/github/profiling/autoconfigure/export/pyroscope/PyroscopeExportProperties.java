package io.github.profiling.autoconfigure.export.pyroscope;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pushing the profile of each interval to Grafana Pyroscope. Off unless {@code url} is
 * set.
 */
@ConfigurationProperties("management.profiling.export.pyroscope")
public class PyroscopeExportProperties {

	/**
	 * Base URL of the Pyroscope server (or distributor), such as http://pyroscope:4040.
	 * Pushing is on when set.
	 */
	private String url;

	/** How often the profile of the interval just ended is pushed. */
	private Duration interval = Duration.ofSeconds(15);

	/** Timeout of each push request, connecting included. */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Windows kept while the server cannot be reached; past that, the oldest is dropped.
	 */
	private int queueCapacity = 20;

	/** The service_name label; defaults to spring.application.name. */
	private String serviceName;

	/** The instance label; defaults to the host name. */
	private String instance;

	/** Labels added to every pushed profile, such as env or region. */
	private Map<String, String> labels = new LinkedHashMap<>();

	/** User of HTTP basic authentication. */
	private String user;

	/** Password of HTTP basic authentication. */
	private String password;

	/**
	 * Bearer token sent in the Authorization header (instead of basic authentication).
	 */
	private String token;

	/** Tenant sent as the X-Scope-OrgID header of a multi-tenant Pyroscope. */
	private String tenantId;

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public String getInstance() {
		return this.instance;
	}

	public void setInstance(String instance) {
		this.instance = instance;
	}

	public Map<String, String> getLabels() {
		return this.labels;
	}

	public void setLabels(Map<String, String> labels) {
		this.labels = labels;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getToken() {
		return this.token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public String getTenantId() {
		return this.tenantId;
	}

	public void setTenantId(String tenantId) {
		this.tenantId = tenantId;
	}

}
