#!/usr/bin/env bash
# Overhead of the profiler on the shop app (shop-app/: Thymeleaf pages, Spring Data JPA on H2,
# stacks over 100 frames deep): run.sh with the shop's executable jar and wrk sending its page
# routes in turn (shop-pages.lua), one JVM, the profiler switched at run time between rounds,
# each configuration paired with the "off" run of its round.
#
#   bench/overhead/shop.sh [ROUNDS] [SECONDS_PER_RUN] [CONFIG ...]   (default: 12 10 off async jfr jdk)
#
# The shop's JIT takes minutes to settle (CPU per request fell 5-fold over the first five rounds
# of a run with 10 s of warm-up): WARMUP_SECONDS defaults to 60 per configuration here.
# SHOP_APP_JAR and WRK_SCRIPT are relative to the repository's root.
# Needs wrk and the shop's jar: mvn -pl shop-app -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS="${1:-12}"
SECONDS_PER_RUN="${2:-10}"
shift 2 || true
[ $# -gt 0 ] || set -- off async jfr jdk
SAMPLE_APP_JAR="${SHOP_APP_JAR:-shop-app/target/shop-app-0.1.0-SNAPSHOT-exec.jar}" \
  WRK_SCRIPT="${WRK_SCRIPT:-bench/overhead/shop-pages.lua}" WARMUP_SECONDS="${WARMUP_SECONDS:-60}" PATH_UNDER_LOAD="${PATH_UNDER_LOAD:-/}" \
  exec ./run.sh "$ROUNDS" "$SECONDS_PER_RUN" "$@"
