#!/usr/bin/env bash
# A server holding LBS load balancers with BACKENDS backends each (default 10,000 × 10), built through
# the API: how long populating takes, RSS (VmRSS) after it, and GET /loadbalancers in a closed loop.
# Usage: benchmarks/macro/state.sh   (env: LBS, BACKENDS, DURATION, GET_CONCURRENCY)
source "$(dirname "$0")/lib.sh"
require_jars
LBS="${LBS:-10000}"; BACKENDS="${BACKENDS:-10}"; DURATION="${DURATION:-PT20S}"; GET_CONCURRENCY="${GET_CONCURRENCY:-4}"
machine

start_slb "$WORK/state"
echo "rss_mb_empty=$(rss_mb)"
before="$(cpu_ms)"
load populate --url "$(url)" --lbs "$LBS" --backends "$BACKENDS" --concurrency 64
echo "populate_server_cpu_ms=$(( $(cpu_ms) - before )) rss_mb_populated=$(rss_mb)"
bytes=$(curl -fsS "$(url)/loadbalancers" | wc -c)
echo "list_body_bytes=$bytes"
before="$(cpu_ms)"
load list --url "$(url)" --concurrency "$GET_CONCURRENCY" --duration "$DURATION" --connections "$GET_CONCURRENCY"
echo "list_server_cpu_ms=$(( $(cpu_ms) - before )) rss_mb_after_gets=$(rss_mb)"
if command -v wrk >/dev/null; then
  echo "# cross-check with wrk (closed loop, $GET_CONCURRENCY connections)"
  wrk -t2 -c"$GET_CONCURRENCY" -d10s --latency "$(url)/loadbalancers" | sed -n '/Latency Distribution/,/Requests\/sec/p'
fi
stop_slb
