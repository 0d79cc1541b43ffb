package io.slb.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The libc binding against the real libc of this machine. */
class SyscallsTest {
    private final Syscalls sys = Syscalls.load();

    @Test
    void loopbackHasAnInterfaceIndex() {
        assertThat(sys.libc().if_nametoindex("lo")).isPositive();
    }

    @Test
    void failedCallSavesErrno() {
        assertThat(sys.libc().socket(9999, 3, 0)).isEqualTo(-1);
        assertThat(sys.errno()).isEqualTo(Errno.EAFNOSUPPORT);
        assertThat(sys.describe(Errno.EAFNOSUPPORT)).isEqualTo("EAFNOSUPPORT (97): Address family not supported by protocol");
    }

    @Test
    void unknownErrnoIsNamedByNumber() {
        assertThat(Errno.name(4095)).isEqualTo("errno 4095");
    }
}
