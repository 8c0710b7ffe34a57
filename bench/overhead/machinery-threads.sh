#!/usr/bin/env bash
# The CPU of the profiler's machinery by thread, for one sampler under load: which thread the
# pipeline's cost goes to. One JVM of the sample app; 5 s of warm-up, then 15 s of
# wrk -t2 -c8 on /3000 with the profiler off and then with SAMPLER (default jfr) at 10 ms;
# the CPU of each thread of the machinery (by its OS name, from schedstat) in ms per second.
#
#   bench/overhead/machinery-threads.sh [SAMPLER]
#
# SAMPLE_APP_JAR and JAVA as for run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
SAMPLER="${1:-jfr}"
PORT="${PORT:-18998}"
JAR="${SAMPLE_APP_JAR:-sample-app/target/sample-app-0.1.0-SNAPSHOT-exec.jar}"
JAVA="${JAVA:-java}"
BASE="http://127.0.0.1:$PORT/actuator/profiling"
DIR=$(mktemp -d -t machinery-threads.XXXXXX)
"$JAVA" -Xms512m -Xmx512m -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --management.profiling.mode=off >"$DIR/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE" >/dev/null && break; sleep 0.5; done

# "name nanoseconds" per thread name (comm, spaces as _), threads of one name summed.
threads() {
  local task name
  for task in /proc/"$APP"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    echo "${name// /_} $(cut -d' ' -f1 "$task/schedstat" 2>/dev/null || echo 0)"
  done | awk '{ ns[$1] += $2 } END { for (n in ns) print n, ns[n] }' | sort
}

echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
for config in off "$SAMPLER"; do
  if [ "$config" = off ]; then body='{"mode":"off"}'; else
    body="{\"mode\":\"sampling\",\"sampler\":\"$config\",\"event\":\"cpu\",\"interval\":\"10ms\"}"
  fi
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$body" "$BASE"
  wrk -t2 -c8 -d5s "http://127.0.0.1:$PORT/3000" >/dev/null
  threads >"$DIR/before"
  rps=$(wrk -t2 -c8 -d15s "http://127.0.0.1:$PORT/3000" | awk '/Requests\/sec/ {print $2}')
  threads >"$DIR/after"
  echo "$config: $rps requests/s; machinery threads, ms of CPU per second:"
  join "$DIR/before" "$DIR/after" | awk '{ printf "  %-16s %7.2f\n", $1, ($3 - $2) / 1e6 / 15 }' |
    grep -E '^  (JFR_|Async-profiler|profiling-samp|VM_Thread)' || true
done
