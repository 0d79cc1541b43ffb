package io.slb.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * KernelVm marks tests that need a kernel with IPVS. They carry {@code @Tag(KernelVm.TAG)}; surefire
 * and failsafe exclude the tag on the host, and {@link KernelVmIT} runs them inside Debian's kernel
 * under qemu (src/test/vm/run-in-vm.sh sets {@code SLB_KERNEL_VM=true} there).
 */
public final class KernelVm {
    /** TAG is the JUnit tag of tests that run only inside the qemu guest. */
    public static final String TAG = "kernel-vm";

    private KernelVm() {}

    /**
     * Skips the test unless it runs inside the guest, so an IDE run on the host never touches the
     * host's network or kernel. Not a CI escape: CI runs these tests only through {@link KernelVmIT}.
     */
    public static void requireGuest() {
        Assumptions.assumeTrue("true".equals(System.getenv("SLB_KERNEL_VM")),
                "runs only inside the qemu guest (KernelVmIT, src/test/vm/run-in-vm.sh)");
    }
}
