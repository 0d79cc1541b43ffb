package io.slb.dataplane.ipvs;

import io.slb.testing.KernelVm;
import io.slb.testing.Prerequisites;
import io.slb.testing.Shell;
import java.util.Arrays;
import java.util.List;

/**
 * GuestIpvs prepares the qemu guest for IPVS tests and reads its table with the independent reader,
 * ipvsadm. It adds a dummy interface holding 10.200.0.1/24 and fd00:200::1/64, so destinations in
 * those nets are unicast to the kernel, and flushes the table between tests (the guest is discarded).
 */
final class GuestIpvs {
    static final String DUMMY = "slbdummy0";

    private GuestIpvs() {}

    /** Skips unless inside the guest, loads ip_vs and makes sure the dummy interface is up. */
    static void prepare() {
        KernelVm.requireGuest();
        Prerequisites.requireRoot();
        Prerequisites.requireCommand("ipvsadm");
        Shell.check("modprobe", "ip_vs");
        if (Shell.run("ip", "link", "show", DUMMY).exit() != 0) {
            Shell.check("ip", "link", "add", DUMMY, "type", "dummy");
            Shell.check("ip", "addr", "add", "10.200.0.1/24", "dev", DUMMY);
            Shell.check("ip", "addr", "add", "fd00:200::1/64", "dev", DUMMY, "nodad");
            Shell.check("ip", "link", "set", DUMMY, "up");
        }
        Shell.check("ipvsadm", "-C");
    }

    /** Returns {@code ipvsadm -Ln} (plus {@code options}) without its header lines, each line with runs of blanks made one. */
    static List<String> list(String... options) {
        List<String> command = new java.util.ArrayList<>(List.of("ipvsadm", "-Ln"));
        command.addAll(List.of(options));
        String[] lines = Shell.check(command.toArray(String[]::new)).split("\n");
        return Arrays.stream(lines).skip(3).map(l -> l.strip().replaceAll("\\s+", " ")).toList();
    }

    /** Returns {@code ipvsadm -Sn}: one rule per line, as {@code ipvsadm -R} restores them. */
    static List<String> save() {
        return Shell.check("ipvsadm", "-Sn").lines().toList();
    }
}
