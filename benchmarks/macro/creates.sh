#!/usr/bin/env bash
# Durable creates: POST /loadbalancer answered only after fsync.
#  1. fixed rate (RATE/s, default 1000) for DURATION after a WARMUP, latency from the intended send time;
#  2. saturation: CONCURRENCY requests always in flight for DURATION, on a fresh server.
# Usage: benchmarks/macro/creates.sh   (env: RATE, WARMUP, DURATION, CONCURRENCY)
source "$(dirname "$0")/lib.sh"
require_jars
RATE="${RATE:-1000}"; WARMUP="${WARMUP:-PT2S}"; DURATION="${DURATION:-PT10S}"; CONCURRENCY="${CONCURRENCY:-256}"
machine

# phase NAME LOAD-ARGS...: a fresh server, one load run, then the server's CPU time and RSS.
phase() {
  local name="$1"; shift
  start_slb "$WORK/$name"
  local before; before="$(cpu_ms)"
  load "$@" --url "$(url)" || true
  echo "phase=$name server_cpu_ms=$(( $(cpu_ms) - before )) rss_mb=$(rss_mb)" \
    "load_balancers=$(curl -fsS "$(url)/loadbalancers" | grep -o '"uuid"' | wc -l)"
  stop_slb
}

phase rate rate --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION"
phase saturate saturate --concurrency "$CONCURRENCY" --duration "$DURATION" --connections "$CONCURRENCY"
