#!/usr/bin/env bash
# run.sh: programs 10,000 IPVS services x 10 destinations in the kernel VM, once with `ipvsadm -R`
# and once through slb's netlink layer (IpvsBenchmark.java), and prints both times. Needs the
# project compiled (./mvnw -o process-test-classes) and the packages of src/test/vm/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec bash src/test/vm/run-in-vm.sh --timeout 3600 --work target/vm-bench -- sh benchmarks/ipvs/guest.sh
