#!/usr/bin/env bash
# Compares slb's proxy data plane, HAProxy (mode tcp) and a direct connection in front of one nginx
# backend, with wrk, keep-alive and a new connection per request. Everything on 127.0.100.0/24.
# Needs: haproxy wrk nginx-light (Debian), Java 17; run from the repository root:
#   benchmarks/proxy/run.sh [DURATION] [THREADS] [CONNECTIONS] [PROXY_THREADS]
set -euo pipefail

DURATION=${1:-10s}
THREADS=${2:-2}
CONNECTIONS=${3:-50}
PROXY_THREADS=${4:-1}           # event-loop threads for slb and nbthread for HAProxy, the same for both
ROUNDS=${ROUNDS:-3}             # targets are interleaved per round; the summary takes each one's median
WARMUP=${WARMUP:-15s}           # load before each measurement, for every target: the JVM's JIT needs ~10 s
BACKEND=127.0.100.10:8080
SLB=127.0.100.1:8080
HAPROXY=127.0.100.2:8080
WORK=$(mktemp -d /tmp/slb-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The backend: nginx, one worker, a fixed 3-byte body.
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK;
  proxy_temp_path $WORK;
  fastcgi_temp_path $WORK;
  uwsgi_temp_path $WORK;
  scgi_temp_path $WORK;
  server {
    listen $BACKEND reuseport backlog=4096;
    location / { return 200 "ok\n"; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" &
PIDS+=($!)

# HAProxy 2.6 in TCP mode, the same thread count as slb.
cat > "$WORK/haproxy.cfg" <<CONF
global
  nbthread $PROXY_THREADS
  maxconn 4096
defaults
  mode tcp
  timeout connect 3s
  timeout client 900s
  timeout server 900s
frontend fe
  bind $HAPROXY
  default_backend be
backend be
  server s1 $BACKEND
CONF
haproxy -f "$WORK/haproxy.cfg" &
PIDS+=($!)

# slb's proxy data plane, built from this checkout.
./mvnw -q -o test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
mkfifo "$WORK/slb.stdin"
java -Xms256m -Xmx256m ${SLB_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat "$WORK/cp.txt")" \
  io.slb.dataplane.proxy.BenchmarkProxy "${SLB%:*}" "${SLB#*:}" "${BACKEND%:*}" "${BACKEND#*:}" "$PROXY_THREADS" \
  < "$WORK/slb.stdin" > "$WORK/slb.log" 2>&1 &
PIDS+=($!)
exec 3> "$WORK/slb.stdin"

for target in $BACKEND $SLB $HAPROXY; do
  for _ in $(seq 1 50); do curl -sf "http://$target/" > /dev/null && break; sleep 0.2; done
  curl -sf "http://$target/" > /dev/null || { echo "no answer from $target"; cat "$WORK"/*.log; exit 1; }
done

run() { # name target mode [wrk args...]
  local name=$1 target=$2 mode=$3; shift 3
  # Warm up (the JIT for slb: C2 keeps compiling for about 10 s of load in each mode), then measure.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "http://$target/" > /dev/null
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "http://$target/")
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(grep -E "Socket errors|Non-2xx" <<< "$out" | tr '\n' ' ' || true)
  printf '%-8s %-10s %12s %10s  %s\n' "$name" "$mode" "$rps" "$p99" "$errors"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-10s %12s %10s\n' target mode "req/s" "p99" | tee "$WORK/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  for mode in keepalive close; do
    args=()
    [[ $mode == close ]] && args=(-H 'Connection: close')
    run direct "$BACKEND" $mode "${args[@]}" | tee -a "$WORK/results.txt"
    run slb "$SLB" $mode "${args[@]}" | tee -a "$WORK/results.txt"
    run haproxy "$HAPROXY" $mode "${args[@]}" | tee -a "$WORK/results.txt"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "median of $ROUNDS rounds:"
for mode in keepalive close; do
  med() { awk -v t="$1" -v m="$mode" '$1 == t && $2 == m {print $3}' "$WORK/results.txt" | sort -n \
            | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
  d=$(med direct); s=$(med slb); h=$(med haproxy)
  awk -v m="$mode" -v d="$d" -v s="$s" -v h="$h" 'BEGIN {
    printf "%-10s direct %9.0f  slb %9.0f  haproxy %9.0f  slb/haproxy %.2f  slb/direct %.2f\n", m, d, s, h, s / h, s / d }'
done

exec 3>&-
sleep 1
echo "slb counters: $(grep 'Counters\[' "$WORK/slb.log" | tail -1)"
