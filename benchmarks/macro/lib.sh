# Shared helpers of the macro benchmark scripts; source it, do not run it.
# Runs slb from the shaded jar on 127.0.0.1 with --dataplane none (no root, no kernel changes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SLB_JAR="$(ls "$ROOT"/target/slb-*-all.jar 2>/dev/null | head -1 || true)"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
# Extra JVM flags for the server under test, e.g. SLB_JAVA_OPTS=-Xmx256m (default: none, the JVM's own).
SLB_JAVA_OPTS="${SLB_JAVA_OPTS:-}"
# The server's address pool: a /16, 65,536 VIPs.
IPAM_RANGE="${IPAM_RANGE:-10.0.0.0/16}"
# Bounded waits: how long slb may take to answer /healthz.
READY_TIMEOUT_S="${READY_TIMEOUT_S:-300}"
WORK="$(mktemp -d /tmp/slb-macro.XXXXXX)"
# Server logs are kept here (default: a new directory under /tmp that is not deleted).
LOG_DIR="${LOG_DIR:-$(mktemp -d /tmp/slb-macro-logs.XXXXXX)}"
echo "# server logs: $LOG_DIR"
SLB_PID=""
SLB_PORT=""

require_jars() {
  if [ -z "$SLB_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
    echo "build first: ./mvnw -B -q install -DskipTests && ./mvnw -B -q -f benchmarks/pom.xml package" >&2
    exit 2
  fi
  command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! ss -Hltn "sport = :$port" | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_slb DATA_DIR: starts slb in the background and waits for /healthz; sets SLB_PID, SLB_PORT
# and READY_MS (milliseconds from exec to the first 200 from /healthz, polled every 10 ms).
start_slb() {
  local data="$1" began
  SLB_PORT="$(free_port)"
  began="$(now_ms)"
  # shellcheck disable=SC2086
  java $SLB_JAVA_OPTS -jar "$SLB_JAR" server --dataplane none --address 127.0.0.1 --port "$SLB_PORT" \
    --dataDir "$data" --ipamRange "$IPAM_RANGE" --logLevel info >"$LOG_DIR/$(basename "$data").log" 2>&1 &
  SLB_PID=$!
  local deadline=$(( began + READY_TIMEOUT_S * 1000 ))
  until curl -fsS -o /dev/null "http://127.0.0.1:$SLB_PORT/healthz" 2>/dev/null; do
    if ! kill -0 "$SLB_PID" 2>/dev/null; then
      echo "slb exited; log:" >&2; tail -20 "$LOG_DIR/$(basename "$data").log" >&2; exit 1
    fi
    if [ "$(now_ms)" -gt "$deadline" ]; then
      echo "slb not ready after ${READY_TIMEOUT_S}s; log:" >&2; tail -20 "$LOG_DIR/$(basename "$data").log" >&2; stop_slb; exit 1
    fi
    sleep 0.01
  done
  READY_MS=$(( $(now_ms) - began ))
}

# stop_slb: SIGTERM, then wait (at most 30 s) for the process to end.
stop_slb() {
  [ -n "$SLB_PID" ] || return 0
  kill "$SLB_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$SLB_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$SLB_PID" 2>/dev/null || true
  wait "$SLB_PID" 2>/dev/null || true
  SLB_PID=""
}

# cpu_ms: CPU time (user + system) the server has used so far, from /proc/<pid>/stat. On a shared
# machine this is steadier than wall-clock rates: CPU per request does not depend on who else runs.
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$SLB_PID/stat"
}

# rss_mb: the server's resident set size in MiB, from /proc/<pid>/status VmRSS.
rss_mb() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$SLB_PID/status"
}

url() { echo "http://127.0.0.1:$SLB_PORT"; }

load() { java -cp "$BENCH_JAR" io.slb.bench.LoadClient "$@"; }

cleanup() {
  stop_slb
  rm -rf "$WORK"
}
trap cleanup EXIT

machine() {
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
