#!/usr/bin/env bash
# A server holding LBS load balancers with BACKENDS backends each (default 10,000 × 10): RSS (VmRSS)
# and GET /loadbalancers in a closed loop. The state comes from a journal written by the journal
# generator through the real Journal API (fast); POPULATE=api builds it through the REST API instead
# (110,000 requests: slow, see README.md), which also reports how long that takes.
# Usage: benchmarks/macro/state.sh   (env: LBS, BACKENDS, DURATION, GET_CONCURRENCY, POPULATE=journal|api)
source "$(dirname "$0")/lib.sh"
require_jars
LBS="${LBS:-10000}"; BACKENDS="${BACKENDS:-10}"; DURATION="${DURATION:-PT20S}"; GET_CONCURRENCY="${GET_CONCURRENCY:-4}"
POPULATE="${POPULATE:-journal}"
machine

if [ "$POPULATE" = api ]; then
  start_slb "$WORK/state"
  echo "rss_mb_empty=$(rss_mb)"
  before="$(cpu_ms)"
  load populate --url "$(url)" --lbs "$LBS" --backends "$BACKENDS" --concurrency 64
  echo "populate_server_cpu_ms=$(( $(cpu_ms) - before ))"
else
  # Exactly the events that build the state: created, address, backends, active; no churn.
  java -Xmx4g -cp "$BENCH_JAR" io.slb.bench.JournalGenerator --dataDir "$WORK/state" \
    --events $(( LBS * (BACKENDS + 3) )) --live "$LBS" --backends "$BACKENDS" 2>/dev/null | tail -1
  start_slb "$WORK/state"
  echo "ready_ms=$READY_MS"
fi
# The reconciler checks every load balancer after a start; let it finish before measuring.
sleep "${SETTLE_S:-10}"
echo "rss_mb_loaded=$(rss_mb)"
bytes=$(curl -fsS "$(url)/loadbalancers" | wc -c)
echo "list_body_bytes=$bytes"
before="$(cpu_ms)"
load list --url "$(url)" --concurrency "$GET_CONCURRENCY" --duration "$DURATION" --connections "$GET_CONCURRENCY" || true
echo "list_server_cpu_ms=$(( $(cpu_ms) - before )) rss_mb_after_gets=$(rss_mb)"
if command -v wrk >/dev/null; then
  echo "# cross-check with wrk (closed loop, $GET_CONCURRENCY connections, 10 s)"
  wrk -t2 -c"$GET_CONCURRENCY" -d10s --timeout 30s --latency "$(url)/loadbalancers" | sed -n '/Latency Distribution/,/Requests\/sec/p'
fi
echo "rss_mb_end=$(rss_mb)"
stop_slb
