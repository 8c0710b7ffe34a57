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
# async-profiler alone in the SAME JVM, started through its own Java API (cpu, 10 ms, JFR to a
# file that nothing reads) by an agent loaded with the Attach API (raw-async/) while our
# profiler is off: the floor our async pipeline adds to. Needs wrk (Debian package) and the
# sample app's executable jar (mvn -pl sample-app -am package -DskipTests).
#
# Per run also: the CPU of the profiler's machinery (its threads, async-profiler's and JFR's
# threads, the VM thread that walks the jdk sampler's stacks; told by their names in
# /proc/<pid>/task/*/comm, CPU from schedstat) as a share of one core, and the samples it
# delivered (the status's "samples") per second. The machinery figure less that of the same
# round's "off" run (whose VM thread still does the JVM's own work) is the pipeline's CPU.
#
# SAMPLE_APP_JAR runs another app's jar; WRK_SCRIPT gives wrk a Lua script that picks each
# request's path (shop.sh runs the shop app so); WARMUP_SECONDS is the warm-up per
# configuration (default SECONDS_PER_RUN); JAVA is the java command (default java). WATCH=1
# keeps a live stream (GET /actuator/profiling/live) open throughout, as a viewer would.
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
JAVA="${JAVA:-java}"
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
# The raw-async agent is loaded at run time; JDK 21+ warns of that unless told it is meant.
[ "${JAVA_FEATURE%%.*}" -ge 21 ] && JAVA_OPTS="$JAVA_OPTS -XX:+EnableDynamicAgentLoading"
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
"$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --management.profiling.mode=off ${APP_ARGS:-} >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE" >/dev/null || { cat "$LOG" >&2; exit 1; }

RAW_DIR=$(mktemp -d -t raw-async.XXXXXX)
WATCHER=
trap 'kill $WATCHER $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$LOG" "$RAW_DIR"' EXIT
if [ "${WATCH:-0}" = 1 ]; then
  curl -sN "$BASE/live" >"$RAW_DIR/live.txt" &
  WATCHER=$!
fi
if printf '%s\n' "${CONFIGS[@]}" | grep -qx raw-async; then
  mkdir -p "$RAW_DIR/classes"
  "${JAVA%java}javac" -d "$RAW_DIR/classes" bench/overhead/raw-async/RawAsyncProfilerAgent.java
  printf 'Agent-Class: RawAsyncProfilerAgent\n' >"$RAW_DIR/manifest"
  "${JAVA%java}jar" cfm "$RAW_DIR/agent.jar" "$RAW_DIR/manifest" -C "$RAW_DIR/classes" .
fi

raw_async() { "$JAVA" bench/overhead/raw-async/Attach.java "$APP" "$RAW_DIR/agent.jar" "$1" >/dev/null; }

# CPU nanoseconds of the profiler's machinery threads, by their OS names.
machinery_ns() {
  local total=0 task name
  for task in /proc/"$APP"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    case "$name" in
      profiling-samp* | "JFR "* | Async-profiler* | "VM Thread")
        total=$((total + $(cut -d' ' -f1 "$task/schedstat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$total"
}

samples() { curl -s "$BASE" | grep -o '"samples":[0-9]*' | head -1 | cut -d: -f2; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

apply() {
  local answer
  answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d "$(config_body "$1")" "$BASE")
  [ "$answer" = 200 ] || { echo "POST for $1 answered $answer" >&2; exit 1; }
}

# run CONFIG [SECONDS] -> prints "requests/s cpu-us/request machinery-ms/s samples/s"
run() {
  local seconds=${2:-$SECONDS_PER_RUN}
  apply "$1"
  [ "$1" = raw-async ] && raw_async "start,event=cpu,interval=10ms,jfr,file=$RAW_DIR/raw.jfr"
  sleep 1
  local before after out requests rps m_before m_after s_before s_after start end
  s_before=$(samples)
  start=$(date +%s%N)
  m_before=$(machinery_ns)
  before=$(cpu_ticks "$APP")
  out=$(wrk -t2 -c8 -d"${seconds}s" ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "http://127.0.0.1:$PORT$PATH_UNDER_LOAD")
  after=$(cpu_ticks "$APP")
  m_after=$(machinery_ns)
  end=$(date +%s%N)
  s_after=$(samples)
  [ "$1" = raw-async ] && raw_async stop
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  awk -v r="$requests" -v rps="$rps" -v d=$((after - before)) -v hz="$CLK_TCK" -v m=$((m_after - m_before)) \
    -v s=$((s_after - s_before)) -v t=$((end - start)) \
    'BEGIN { printf "%s %.1f %.2f %.1f\n", rps, d / hz * 1e6 / r, m / 1e6 / (t / 1e9), s / (t / 1e9) }'
}

echo "warming up ($WARMUP_SECONDS s per configuration)..." >&2
for config in "${CONFIGS[@]}"; do run "$config" "$WARMUP_SECONDS" >/dev/null; done

RESULTS=$(mktemp -t overhead-results.XXXXXX)
for round in $(seq 1 "$ROUNDS"); do
  # Rotate the order each round, so no configuration always follows the same one.
  n=${#CONFIGS[@]}
  for i in $(seq 0 $((n - 1))); do
    config=${CONFIGS[$(((i + round) % n))]}
    read -r rps cpu machinery samples_per_second < <(run "$config")
    echo "$round $config $rps $cpu $machinery $samples_per_second" | tee -a "$RESULTS" >&2
  done
done

echo
echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load: wrk -t2 -c8 -d${SECONDS_PER_RUN}s ${WRK_SCRIPT:+-s $WRK_SCRIPT }$PATH_UNDER_LOAD, $ROUNDS rounds after ${WARMUP_SECONDS}s of warm-up per configuration, one JVM ($JAVA_OPTS)"
printf '%-10s %24s %24s %22s %10s %12s\n' config "throughput / off" "CPU per request / off" \
  "pipeline % of a core" "samples/s" "us/sample"
for config in "${CONFIGS[@]}"; do
  [ "$config" = off ] && continue
  awk -v c="$config" '
    function sort(a, n,   i, j, v) { for (i = 2; i <= n; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v } }
    function median(a, n) { return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    $2 == "off" { rps_off[$1] = $3; cpu_off[$1] = $4; m_off[$1] = $5 }
    $2 == c { rps[$1] = $3; cpu[$1] = $4; m[$1] = $5; sps[$1] = $6 }
    END {
      n = 0
      for (r in rps) {
        if (r in rps_off) {
          n++; t[n] = rps[r] / rps_off[r]; u[n] = cpu[r] / cpu_off[r]
          p[n] = (m[r] - m_off[r]) / 10; q[n] = sps[r]; w[n] = (sps[r] > 0) ? (m[r] - m_off[r]) * 1000 / sps[r] : 0
        }
      }
      sort(t, n); sort(u, n); sort(p, n); sort(q, n); sort(w, n)
      printf "%-10s %6.3f (%.3f..%.3f) %6.3f (%.3f..%.3f) %5.2f (%.2f..%.2f) %10.1f %12.1f\n", c, median(t, n), t[1], t[n],
        median(u, n), u[1], u[n], median(p, n), p[1], p[n], median(q, n), median(w, n)
    }' "$RESULTS"
done
echo
[ -n "$WATCHER" ] && echo "live stream open throughout: $(grep -c '^event: *tree' "$RAW_DIR/live.txt") tree events received"
echo "raw runs (round config requests/s cpu-us/request machinery-ms/s samples/s):"
cat "$RESULTS"
rm -f "$RESULTS"
