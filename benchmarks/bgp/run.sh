#!/usr/bin/env bash
# Time from POST /loadbalancer's 201 to the VIP's /32 in bird's table, through slb --bgp, gobgpd and bird2
# in two network namespaces (io.slb.announce.bgp.BgpBenchmark over BgpLab). Needs root, gobgpd (3.x),
# bird2, curl and Java 17; run from the repository root:
#   sudo benchmarks/bgp/run.sh [ROUNDS] [WARMUP]        # default 200 rounds after 20 warm-up rounds
set -euo pipefail

ROUNDS=${1:-200}
WARMUP=${2:-20}
WORK=$(mktemp -d /tmp/slb-bgp-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

./mvnw -q -o package -DskipTests
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
JAR=$(ls target/slb-*-all.jar)
echo "gobgpd: $(gobgpd --version)  bird: $(bird --version 2>&1)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/classes:target/test-classes:$(cat "$WORK/cp.txt")" -Dslb.jar="$JAR" \
  io.slb.announce.bgp.BgpBenchmark "$ROUNDS" "$WARMUP" 2>&1 | grep -v '^20..-..-..T' | grep -v '^slb log:'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
