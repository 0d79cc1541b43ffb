#!/bin/sh
# kernel-tests.sh: runs inside the qemu guest (see run-in-vm.sh), from the project directory. Runs the
# already compiled tests tagged kernel-vm with the JUnit console launcher (Maven is far too slow under
# TCG) and leaves XML reports in target/vm/junit for KernelVmIT on the host.
# C1 only and the serial collector: the guest has two emulated cores, and C2 compiles cost more there
# than they save in a run this short.
set -e
reports=target/vm/junit
rm -rf "$reports"
echo "kernel-tests: starting the JUnit console launcher at $(cut -d" " -f1 /proc/uptime)s"
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.junit.platform.console.ConsoleLauncher execute \
  --disable-banner --disable-ansi-colors --details=testfeed --exclude-engine=archunit \
  --scan-classpath target/test-classes --include-tag kernel-vm --fail-if-no-tests \
  --reports-dir "$reports" "$@"
