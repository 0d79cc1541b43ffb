#!/usr/bin/env bash
# The JMH harness in its short mode (one fork, one 1 s warm-up and one 1 s measurement, small sizes,
# one benchmark method per class), so that it cannot rot: .ci/run runs it after the tests. Fails if any
# benchmark throws (-foe). Takes about a minute after the build. Not a measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
./mvnw -B -q -f benchmarks/pom.xml clean package  # clean: compiled against an older slb, stale classes would hide its API changes
java -jar benchmarks/target/benchmarks.jar -f 1 -wi 1 -i 1 -w 1s -r 1s -foe true \
  -p lbs=100 -p used=100 -p subscribers=100 -p batch=16 -p events=5000 -p live=100 -p messages=10 \
  'DeciderBenchmark.decideCreate|DeciderBenchmark.evolveBackendAdded|IpamBenchmark|ApiJsonBenchmark|EventBusBenchmark|JournalAppendBenchmark|GroupCommitBenchmark.writers16|JournalReplayBenchmark|NetlinkBenchmark'
