#!/usr/bin/env bash
# Start-up time to API-ready (exec to the first 200 from /healthz) with an empty journal and with
# EVENTS journal events (default 1,000,000) written by the journal generator through the real Journal
# API (LIVE load balancers × BACKENDS backends, then backend churn; snapshots as slb server writes them).
# Each start is repeated RUNS times (default 5). RSS is read once the API answers.
# Usage: benchmarks/macro/startup.sh   (env: EVENTS (0: empty journal only), LIVE, BACKENDS, RUNS,
#        SNAPSHOTS=no for none)
source "$(dirname "$0")/lib.sh"
require_jars
EVENTS="${EVENTS:-1000000}"; LIVE="${LIVE:-10000}"; BACKENDS="${BACKENDS:-10}"; RUNS="${RUNS:-5}"
machine

starts() {
  local label="$1" dir="$2"
  for run in $(seq 1 "$RUNS"); do
    start_slb "$dir"
    # cpu_ms: CPU the JVM spent getting ready (all threads); unlike ready_ms it does not grow with load.
    echo "startup=$label run=$run ready_ms=$READY_MS cpu_ms=$(cpu_ms) rss_mb=$(rss_mb)"
    grep -h "recovered through position" "$LOG_DIR/$(basename "$dir").log" | tail -1 | sed 's/^.*journal /  journal /' || true
    stop_slb
  done
}

mkdir -p "$WORK/empty"
# An empty journal stays empty: nothing is created, so every run starts from zero events.
starts empty "$WORK/empty"

[ "$EVENTS" -gt 0 ] || exit 0
gen_flags=()
[ "${SNAPSHOTS:-yes}" = no ] && gen_flags+=(--noSnapshots)
java -Xmx4g -cp "$BENCH_JAR" io.slb.bench.JournalGenerator --dataDir "$WORK/journal" --events "$EVENTS" \
  --live "$LIVE" --backends "$BACKENDS" "${gen_flags[@]}" 2>/dev/null | tail -1
starts "events=$EVENTS" "$WORK/journal"
