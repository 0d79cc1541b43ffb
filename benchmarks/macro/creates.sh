#!/usr/bin/env bash
# Durable creates: POST /loadbalancer answered only after fsync.
#  1. fixed rate (RATE/s, default 1000) for DURATION after a WARMUP, latency from the intended send time;
#  2. saturation: CONCURRENCY requests always in flight for DURATION, on a fresh server.
# Usage: benchmarks/macro/creates.sh   (env: RATE, WARMUP, DURATION, CONCURRENCY)
source "$(dirname "$0")/lib.sh"
require_jars
RATE="${RATE:-1000}"; WARMUP="${WARMUP:-PT2S}"; DURATION="${DURATION:-PT10S}"; CONCURRENCY="${CONCURRENCY:-256}"
machine

start_slb "$WORK/rate"
load rate --url "$(url)" --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" || true
echo "rss_mb_after=$(rss_mb)"
stop_slb

start_slb "$WORK/saturate"
load saturate --url "$(url)" --concurrency "$CONCURRENCY" --duration "$DURATION" --connections "$CONCURRENCY" || true
echo "rss_mb_after=$(rss_mb)"
stop_slb
