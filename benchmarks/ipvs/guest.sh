#!/bin/sh
# guest.sh: the benchmark's part inside the VM (see run.sh). Times with the guest's clock.
set -e
cp="target/classes:$(cat target/test-classpath.txt)"
modprobe ip_vs
ip link add bench0 type dummy && ip addr add 10.200.0.1/24 dev bench0 && ip link set bench0 up
rules=/tmp/ipvs-bench.rules
java -cp "$cp" benchmarks/ipvs/IpvsBenchmark.java rules "$rules"
echo "rules: $(wc -l < "$rules") lines"
for round in 1 2; do
  ipvsadm -C
  start=$(date +%s.%N); ipvsadm -R < "$rules"; end=$(date +%s.%N)
  echo "round $round ipvsadm -R: $(awk "BEGIN { print $end - $start }") s, $(ipvsadm -Ln | grep -c '^TCP') services"
  ipvsadm -C
  start=$(date +%s.%N); java -cp "$cp" benchmarks/ipvs/IpvsBenchmark.java apply; end=$(date +%s.%N)
  echo "round $round slb (JVM start, compile, apply, dump): $(awk "BEGIN { print $end - $start }") s, $(ipvsadm -Ln | grep -c '^TCP') services"
done
