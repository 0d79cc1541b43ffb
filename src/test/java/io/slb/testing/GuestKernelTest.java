package io.slb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GuestKernelTest checks that the qemu guest offers what the kernel-vm tests build on. */
@Tag(KernelVm.TAG)
class GuestKernelTest {
    @Test
    void guestKernelLoadsIpvsAndCreatesNamespaces() {
        KernelVm.requireGuest();
        Prerequisites.requireCommand("ipvsadm");
        Shell.check("modprobe", "ip_vs");
        assertThat(Shell.check("ipvsadm", "-Ln")).contains("IP Virtual Server version");

        String ns = "slbguest" + ProcessHandle.current().pid();
        Shell.check("ip", "netns", "add", ns);
        try {
            assertThat(Shell.check("ip", "netns", "exec", ns, "ip", "-o", "link", "show", "lo")).contains("lo");
        } finally {
            Shell.check("ip", "netns", "del", ns);
        }
    }
}
