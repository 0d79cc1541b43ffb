#!/usr/bin/env bash
# run-in-vm.sh: runs one shell command as root inside Debian's kernel (linux-image-amd64) booted under
# qemu TCG, with the host's root file system shared read-write over 9p, and exits with the command's
# exit code. The host kernel here has no IPVS; the guest kernel has it as modules.
# Facts behind every step (module order, qemu flags, modprobe wrapper): shared/research/kernel-vm.md.
#
# usage: run-in-vm.sh [--timeout SECONDS] [--work DIR] -- COMMAND...
#   --work DIR      where the initramfs is cached and the run's files go (default: ./target/vm)
#   --timeout S     wall-clock bound for the whole boot-run-poweroff cycle (default: 600)
# The command runs in a chroot of the host root, in the caller's working directory, with PATH, CI and
# JAVA_HOME carried over. Exit codes: the command's own, 124 when the VM hit the timeout or never wrote
# a result, 2 for usage errors, 3 when qemu, the kernel or busybox is missing.
set -euo pipefail

timeout_s=600
work="$PWD/target/vm"
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout_s="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "run-in-vm: unknown option: $1 (expected: --timeout S, --work DIR, -- COMMAND...)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run-in-vm: no command given (expected: -- COMMAND...)" >&2; exit 2; }

# Debian's kernel: the newest /boot/vmlinuz-*-amd64 with its modules directory.
kernel=$(ls -1 /boot/vmlinuz-*-amd64 2>/dev/null | sort -V | tail -1 || true)
[ -n "$kernel" ] || { echo "run-in-vm: no /boot/vmlinuz-*-amd64 (apt-get install linux-image-amd64)" >&2; exit 3; }
kver=${kernel#/boot/vmlinuz-}
moddir=/lib/modules/$kver
command -v qemu-system-x86_64 >/dev/null || { echo "run-in-vm: no qemu-system-x86_64 (apt-get install qemu-system-x86)" >&2; exit 3; }
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "run-in-vm: no static busybox (apt-get install busybox-static)" >&2; exit 3; }

mkdir -p "$work"
work=$(cd "$work" && pwd)

# Dependencies first; this order is the one verified in kernel-vm.md.
modules=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p)

build_initramfs() {
  local out="$1" root
  root=$(mktemp -d "$work/initramfs.XXXXXX")
  mkdir -p "$root"/{bin,sbin,proc,sys,dev,newroot,modules}
  cp "$busybox" "$root/bin/busybox"
  for m in "${modules[@]}"; do
    local ko
    ko=$(find "$moddir" -name "$m.ko*" | head -1)
    [ -n "$ko" ] || { echo "run-in-vm: module $m not found under $moddir" >&2; rm -rf "$root"; exit 3; }
    case "$ko" in
      *.ko) cp "$ko" "$root/modules/$m.ko" ;;
      *.ko.xz) xz -dc "$ko" >"$root/modules/$m.ko" ;;
      *.ko.zst) zstd -qdc "$ko" >"$root/modules/$m.ko" ;;
      *) echo "run-in-vm: unsupported module file $ko" >&2; rm -rf "$root"; exit 3 ;;
    esac
  done
  # The kernel runs its module helper in the initramfs root, not in our chroot: hand it over.
  printf '#!/bin/busybox sh\nexec /bin/busybox chroot /newroot /sbin/modprobe "$@"\n' >"$root/sbin/modprobe"
  chmod +x "$root/sbin/modprobe"
  cat >"$root/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in ${modules[*]}; do insmod /modules/\$m.ko || echo "init: insmod \$m failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 hostroot /newroot
mount -t proc proc /newroot/proc
mount -t sysfs sys /newroot/sys
mount -t devtmpfs dev /newroot/dev
mount -t tmpfs tmpfs /newroot/run
# The guest's /tmp is its own tmpfs; a project checked out under the host's /tmp stays visible by
# being moved onto that tmpfs at the same path.
keep=\$(sed -n 's/.*slb\.keep=\([^ ]*\).*/\1/p' /proc/cmdline)
case "\$keep" in /tmp/*) mkdir -p /keep && mount -o bind "/newroot\$keep" /keep ;; esac
mount -t tmpfs tmpfs /newroot/tmp
case "\$keep" in /tmp/*) mkdir -p "/newroot\$keep" && mount -o move /keep "/newroot\$keep" ;; esac
# A name the host's /etc/hosts resolves: the guest has no DNS, and Java asks for the local host name.
hostname localhost
run=\$(sed -n 's/.*slb\.run=\([^ ]*\).*/\1/p' /proc/cmdline)
chroot /newroot /bin/sh "\$run"
echo \$? >"/newroot\$run.rc"
sync
poweroff -f
EOF
  chmod +x "$root/init"
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
  mv "$out.tmp" "$out"
  rm -rf "$root"
}

# NB: the name carries a version of /init above: a cached initramfs from an older script is not reused.
initrd="$work/initramfs-$kver-init2.gz"
[ -s "$initrd" ] || build_initramfs "$initrd"

run="$work/guest-run.sh"
rm -f "$run.rc"
{
  echo "export PATH='$PATH' HOME=/root CI='${CI:-}' JAVA_HOME='${JAVA_HOME:-}' SLB_KERNEL_VM=true"
  echo "ip link set lo up"
  echo 'echo "run-in-vm: guest ready after $(cut -d" " -f1 /proc/uptime)s"'
  printf 'cd %q\n' "$PWD"
  printf '%q ' "$@"
  echo
} >"$run"

console="$work/console.log"
echo "run-in-vm: booting $kernel under qemu TCG (timeout ${timeout_s}s, console: $console)"
set +e
timeout --kill-after=10 "$timeout_s" qemu-system-x86_64 -accel tcg -m 3072 -smp 2 -nographic -no-reboot \
  -nic none -kernel "$kernel" -initrd "$initrd" \
  -append "console=ttyS0 panic=-1 edd=off quiet slb.run=$run slb.keep=$PWD" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,multidevs=remap,id=hostroot \
  </dev/null 2>&1 | tee "$console"
qemu_rc=${PIPESTATUS[0]}
set -e
if [ ! -s "$run.rc" ]; then
  echo "run-in-vm: the guest wrote no result (qemu exit $qemu_rc; 124 = timed out after ${timeout_s}s)" >&2
  exit 124
fi
exit "$(cat "$run.rc")"
