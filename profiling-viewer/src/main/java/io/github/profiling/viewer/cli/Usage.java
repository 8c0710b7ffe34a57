package io.github.profiling.viewer.cli;

/** The text {@code --help} prints. */
final class Usage {

	static final String TEXT = """
			Usage: java -jar profiling-viewer.jar [options] URL
			       java -jar profiling-viewer.jar [--save FILE] FILE

			Shows a live call tree from a Spring Boot server's profiling endpoint, e.g.
			http://localhost:8080/actuator/profiling, or a tree saved as JSON (as GET .../tree returns it).

			Options:
			  --tag KEY:VALUE     only the work done under this tag, e.g. --tag http.route:/{n} (repeatable;
			                      all must match)
			  --seconds N         each tree covers the last N seconds (default: one interval)
			  --interval D        how often the server sends a tree: 500ms, 1s, 2m (default: the server's)
			  --focus F           start every path at the application's own code (app) or at the first
			                      frame of these packages (com.example.shop,org.acme), not at Thread.run
			  --user U            HTTP basic user for a secured actuator (with --password)
			  --password P        HTTP basic password
			  --token T           bearer token for a secured actuator
			  --save FILE         keep the latest tree shown in FILE, as JSON
			  -h, --help          print this help

			Keys:
			  up/down, k/j, w/s   move              left/right, h/l, a/d  fold or parent / unfold or heaviest child
			  enter               fold or unfold    >                     open the hot path
			  esc                 back to the root  [ ]                   sort by the previous / next column
			  \\                   nested or flat    space                 pause or resume
			  /                   search (n next)   t                     pick a tag (live only)
			  r                   slow requests: the kept requests, slowest first; enter opens one's own tree,
			                      esc or r goes back to live (live only)
			  q, ctrl-c           quit

			Exit status: 0 when quit, 1 when the file or terminal cannot be used, 2 for a bad command line.
			""";

	private Usage() {
	}

}
