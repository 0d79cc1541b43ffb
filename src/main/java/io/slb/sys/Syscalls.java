package io.slb.sys;

import jnr.ffi.LastError;
import jnr.ffi.Runtime;

/**
 * Syscalls holds one loaded {@link LibC} and reads errno after its calls. Create one per process
 * component that needs it (it is cheap after the first load) and pass it explicitly; thread safe
 * (errno is per thread).
 */
public final class Syscalls {
    private final LibC libc;
    private final Runtime runtime;

    private Syscalls(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Loads libc. */
    public static Syscalls load() {
        return new Syscalls(LibC.load());
    }

    public LibC libc() {
        return libc;
    }

    /** Returns errno as the calling thread's last LibC call left it. */
    public int errno() {
        return LastError.getLastError(runtime);
    }

    /** Returns errno's symbolic name and text, e.g. {@code EPERM (1): Operation not permitted}. */
    public String describe(int errno) {
        return Errno.name(errno) + " (" + errno + "): " + libc.strerror(errno);
    }
}
