#!/usr/bin/env bash
# Starts the sample app's executable jar (built by `mvn -DskipTests install`), waits for its
# profiling endpoint, runs the browser test against it (npm run test:app) and stops the app.
#
#   PORT        the app's port (default 18080)
#   SAMPLE_APP_JAR  the jar (default ../sample-app/target/sample-app-0.1.0-SNAPSHOT-exec.jar)
#   SCREENSHOT, VIEWER_FROM_SOURCE  passed on to the test (see README.md)
set -euo pipefail
cd "$(dirname "$0")"

PORT="${PORT:-18080}"
JAR="${SAMPLE_APP_JAR:-../sample-app/target/sample-app-0.1.0-SNAPSHOT-exec.jar}"
if [ ! -f "$JAR" ]; then
  echo "no sample app jar at $JAR: build it with mvn -B -DskipTests install" >&2
  exit 1
fi

LOG="$(mktemp -t sample-app.XXXXXX.log)"
java -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 >"$LOG" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true' EXIT

export APP_URL="http://127.0.0.1:$PORT"
export PROFILING_BASE_URL="$APP_URL/actuator/profiling"

# Wait up to 90 s for the endpoint to answer.
node -e '
  const url = process.argv[1];
  const deadline = Date.now() + 90000;
  (async function poll() {
    try {
      if ((await fetch(url)).ok) return;
    } catch (e) { /* not up yet */ }
    if (Date.now() > deadline) { console.error("the sample app did not come up: " + url); process.exit(1); }
    setTimeout(poll, 500);
  })();
' "$PROFILING_BASE_URL" || { echo "--- sample app log ---" >&2; cat "$LOG" >&2; exit 1; }

status=0
npm run --silent test:app || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- sample app log (last 50 lines) ---" >&2
  tail -50 "$LOG" >&2
fi
exit "$status"
