package io.github.profiling.viewer.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.profiling.viewer.model.Tag;
import io.github.profiling.viewer.source.Credentials;
import io.github.profiling.viewer.source.Intervals;

/**
 * Reads the command line: {@code [options] URL|FILE}. Options take their value as the
 * next word or after {@code =}.
 */
public final class ArgumentParser {

	private final List<String> positional = new ArrayList<>();

	private final List<Tag> tags = new ArrayList<>();

	private Integer seconds;

	private String interval;

	private String user;

	private String password;

	private String token;

	private Path save;

	private String focus;

	private ArgumentParser() {
	}

	public static ViewerOptions parse(String... args) throws UsageException {
		return new ArgumentParser().read(args);
	}

	private ViewerOptions read(String[] args) throws UsageException {
		// asking for help is never an error, whatever else is on the line
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			return ViewerOptions.helpOnly();
		}
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("-") || arg.equals("-")) {
				positional.add(arg);
				continue;
			}
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			option(name, value);
		}
		return build();
	}

	private void option(String name, String value) throws UsageException {
		switch (name) {
			case "--tag" -> tags.add(tag(required(name, value)));
			case "--seconds" -> seconds = positiveNumber(name, required(name, value));
			case "--interval" -> interval = interval(required(name, value));
			case "--user" -> user = required(name, value);
			case "--password" -> password = required(name, value);
			case "--token" -> token = required(name, value);
			case "--save" -> save = Path.of(required(name, value));
			case "--focus" -> focus = required(name, value);
			default -> throw new UsageException("unknown option " + name);
		}
	}

	private ViewerOptions build() throws UsageException {
		if (positional.isEmpty()) {
			throw new UsageException("give the profiling endpoint's URL (http://host:port/actuator/profiling) "
					+ "or a saved tree file");
		}
		if (positional.size() > 1) {
			throw new UsageException("one URL or file only; unexpected \"" + positional.get(1) + "\"");
		}
		Credentials credentials = credentials();
		String target = positional.get(0);
		if (target.startsWith("http://") || target.startsWith("https://")) {
			return new ViewerOptions(false, url(target), null, tags, seconds, interval, credentials, save, focus);
		}
		Path file = Path.of(target);
		if (!Files.isRegularFile(file)) {
			throw new UsageException("no such file: " + target + " (to attach to a server, give its http:// URL)");
		}
		if (!tags.isEmpty() || seconds != null || interval != null || credentials != Credentials.NONE
				|| focus != null) {
			throw new UsageException("--tag, --seconds, --interval, --focus, --user, --password and --token "
					+ "apply to a live URL, not to a file");
		}
		return new ViewerOptions(false, null, file, tags, null, null, Credentials.NONE, save, null);
	}

	private Credentials credentials() throws UsageException {
		if (token != null && (user != null || password != null)) {
			throw new UsageException("give either --token or --user and --password, not both");
		}
		if (token != null) {
			return new Credentials.Bearer(token);
		}
		if (user == null && password == null) {
			return Credentials.NONE;
		}
		if (user == null || password == null) {
			throw new UsageException("--user and --password go together");
		}
		return new Credentials.Basic(user, password);
	}

	private static String required(String name, String value) throws UsageException {
		if (value == null) {
			throw new UsageException(name + " needs a value");
		}
		return value;
	}

	private static Tag tag(String value) throws UsageException {
		try {
			return Tag.parse(value);
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--tag: " + e.getMessage());
		}
	}

	private static int positiveNumber(String name, String value) throws UsageException {
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException notANumber) {
			// reported below
		}
		throw new UsageException(name + " takes a whole number of seconds above 0, got \"" + value + "\"");
	}

	private static String interval(String value) throws UsageException {
		try {
			Intervals.parse(value);
			return value;
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--interval: " + e.getMessage());
		}
	}

	private static String url(String text) throws UsageException {
		try {
			URI uri = new URI(text);
			if (uri.getHost() == null) {
				throw new UsageException("the URL has no host: " + text);
			}
			if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new UsageException(
						"give the endpoint's URL without a query; use --tag, --seconds and --interval");
			}
			return text;
		}
		catch (URISyntaxException e) {
			throw new UsageException("not a valid URL: " + text + " (" + e.getReason() + ")");
		}
	}

}
