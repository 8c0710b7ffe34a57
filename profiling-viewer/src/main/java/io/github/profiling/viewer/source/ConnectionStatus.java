package io.github.profiling.viewer.source;

/** Where a tree source stands, as the header shows it. */
public enum ConnectionStatus {

	/** Trying to reach the server for the first time. */
	CONNECTING,
	/** The live stream is open. */
	CONNECTED,
	/** The server went away or refused; retrying. */
	DISCONNECTED,
	/** A saved file: nothing to connect to. */
	OFFLINE

}
