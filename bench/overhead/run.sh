#!/usr/bin/env bash
# Overhead of the profiler on the sample app under wrk, measured in ONE JVM: the profiler is
# switched at run time (POST /actuator/profiling) between rounds, so JVM-to-JVM noise (±20 % on
# a shared 2-core machine) does not drown a 1 % effect. Each round runs every configuration once,
# in rotated order; a configuration's figures are paired with the "off" run of the same round.
#
# Per run: throughput (wrk requests/s) and the server's CPU time per request (from
# /proc/<pid>/stat, user + system). Reported per configuration: the median, min and max over the
# rounds of the paired ratios against "off".
#
#   bench/overhead/run.sh [ROUNDS] [SECONDS_PER_RUN] [CONFIG ...]
#
# CONFIG names: off, jdk, jdk-wall, jfr, async, tracing (see config_body), and raw-async:
# async-profiler alone, attached with -agentpath at the same interval to a SECOND JVM of the
# sample app (profiling off), the floor our async pipeline adds to. Being another JVM, its
# ratio carries the JVM-to-JVM noise the other figures avoid. Needs wrk (Debian package) and the
# sample app's executable jar (mvn -pl sample-app -am package -DskipTests).
#
# SAMPLE_APP_JAR runs another app's jar; WRK_SCRIPT gives wrk a Lua script that picks each
# request's path (shop.sh runs the shop app so); WARMUP_SECONDS is the warm-up per
# configuration (default SECONDS_PER_RUN).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS="${1:-5}"
SECONDS_PER_RUN="${2:-10}"
shift 2 || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(off jdk)
PORT="${PORT:-18999}"
PATH_UNDER_LOAD="${PATH_UNDER_LOAD:-/3000}"
WRK_SCRIPT="${WRK_SCRIPT:-}"
WARMUP_SECONDS="${WARMUP_SECONDS:-$SECONDS_PER_RUN}"
JAR="${SAMPLE_APP_JAR:-sample-app/target/sample-app-0.1.0-SNAPSHOT-exec.jar}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
BASE="http://127.0.0.1:$PORT/actuator/profiling"
CLK_TCK=$(getconf CLK_TCK)

config_body() {
  case "$1" in
    off) echo '{"mode":"off"}' ;;
    jdk) echo '{"mode":"sampling","sampler":"jdk","event":"cpu","interval":"10ms"}' ;;
    jdk-wall) echo '{"mode":"sampling","sampler":"jdk","event":"wall","interval":"10ms"}' ;;
    jfr) echo '{"mode":"sampling","sampler":"jfr","event":"cpu","interval":"10ms"}' ;;
    async) echo '{"mode":"sampling","sampler":"async","event":"cpu","interval":"10ms"}' ;;
    tracing) echo '{"mode":"tracing","include":"io.github.profiling.sample.**"}' ;;
    raw-async) echo '{"mode":"off"}' ;;
    *) echo "unknown configuration $1" >&2; exit 2 ;;
  esac
}

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no $JAR: mvn -pl sample-app -am package -DskipTests" >&2; exit 1; }

LOG=$(mktemp -t overhead-app.XXXXXX.log)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --management.profiling.mode=off ${APP_ARGS:-} >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE" >/dev/null || { cat "$LOG" >&2; exit 1; }

RAW_APP=
if printf '%s\n' "${CONFIGS[@]}" | grep -qx raw-async; then
  # The library inside the async-profiler jar of the local Maven repository.
  AP_JAR="${ASYNC_PROFILER_JAR:-$HOME/.m2/repository/tools/profiler/async-profiler/4.4/async-profiler-4.4.jar}"
  RAW_DIR=$(mktemp -d -t raw-async.XXXXXX)
  unzip -q -j "$AP_JAR" linux-x64/libasyncProfiler.so -d "$RAW_DIR"
  RAW_LOG="$RAW_DIR/app.log"
  # shellcheck disable=SC2086
  java $JAVA_OPTS "-agentpath:$RAW_DIR/libasyncProfiler.so=start,event=cpu,interval=10ms,jfr,file=$RAW_DIR/raw.jfr" \
    -jar "$JAR" --server.port=$((PORT + 1)) --server.address=127.0.0.1 --management.profiling.mode=off \
    >"$RAW_LOG" 2>&1 &
  RAW_APP=$!
  trap 'kill $APP $RAW_APP 2>/dev/null; wait $APP $RAW_APP 2>/dev/null || true; rm -rf "$LOG" "$RAW_DIR"' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$((PORT + 1))/actuator/health" >/dev/null && break; sleep 0.5; done
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

apply() {
  local answer
  answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d "$(config_body "$1")" "$BASE")
  [ "$answer" = 200 ] || { echo "POST for $1 answered $answer" >&2; exit 1; }
}

# run CONFIG [SECONDS] -> prints "requests_per_second cpu_microseconds_per_request"
run() {
  local seconds=${2:-$SECONDS_PER_RUN}
  local pid=$APP port=$PORT
  if [ "$1" = raw-async ]; then
    pid=$RAW_APP
    port=$((PORT + 1))
  else
    apply "$1"
  fi
  sleep 1
  local before after out requests rps
  before=$(cpu_ticks "$pid")
  out=$(wrk -t2 -c8 -d"${seconds}s" ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "http://127.0.0.1:$port$PATH_UNDER_LOAD")
  after=$(cpu_ticks "$pid")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  awk -v r="$requests" -v rps="$rps" -v d=$((after - before)) -v hz="$CLK_TCK" \
    'BEGIN { printf "%s %.1f\n", rps, d / hz * 1e6 / r }'
}

echo "warming up ($WARMUP_SECONDS s per configuration)..." >&2
for config in "${CONFIGS[@]}"; do run "$config" "$WARMUP_SECONDS" >/dev/null; done

RESULTS=$(mktemp -t overhead-results.XXXXXX)
for round in $(seq 1 "$ROUNDS"); do
  # Rotate the order each round, so no configuration always follows the same one.
  n=${#CONFIGS[@]}
  for i in $(seq 0 $((n - 1))); do
    config=${CONFIGS[$(((i + round) % n))]}
    read -r rps cpu < <(run "$config")
    echo "$round $config $rps $cpu" | tee -a "$RESULTS" >&2
  done
done

echo
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load: wrk -t2 -c8 -d${SECONDS_PER_RUN}s ${WRK_SCRIPT:+-s $WRK_SCRIPT }$PATH_UNDER_LOAD, $ROUNDS rounds after ${WARMUP_SECONDS}s of warm-up per configuration, one JVM ($JAVA_OPTS)"
printf '%-10s %28s %34s\n' config "throughput / off: median (min..max)" "CPU per request / off: median (min..max)"
for config in "${CONFIGS[@]}"; do
  [ "$config" = off ] && continue
  awk -v c="$config" '
    function sort(a, n,   i, j, v) { for (i = 2; i <= n; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v } }
    $2 == "off" { rps_off[$1] = $3; cpu_off[$1] = $4 }
    $2 == c { rps[$1] = $3; cpu[$1] = $4 }
    END {
      n = 0
      for (r in rps) { if (r in rps_off) { n++; t[n] = rps[r] / rps_off[r]; u[n] = cpu[r] / cpu_off[r] } }
      sort(t, n); sort(u, n)
      median_t = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      median_u = (n % 2) ? u[(n + 1) / 2] : (u[n / 2] + u[n / 2 + 1]) / 2
      printf "%-10s %12.3f (%.3f..%.3f) %18.3f (%.3f..%.3f)\n", c, median_t, t[1], t[n], median_u, u[1], u[n]
    }' "$RESULTS"
done
echo
echo "raw runs (round config requests/s cpu-us/request):"
cat "$RESULTS"
rm -f "$RESULTS"
