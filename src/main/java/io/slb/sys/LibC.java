package io.slb.sys;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * LibC is the JNR-FFI binding of the libc functions slb uses. Every call that can fail saves errno
 * ({@link SaveError}); read it with {@link Syscalls#errno()}. Buffers are passed as heap or direct
 * ByteBuffers; NB: JNR passes {@code address + position()} and never moves position or limit, so
 * callers set the limit from the returned length themselves (../shared/research/build-spike.md §7).
 */
public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer addr, int addrlen);

    @SaveError
    @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In ByteBuffer dest, int destlen);

    @SaveError
    @ssize_t long send(int fd, @In ByteBuffer buf, @size_t long len, int flags);

    @SaveError
    @ssize_t long recvfrom(int fd, @Out ByteBuffer buf, @size_t long len, int flags, Pointer src, Pointer srclen);

    @SaveError
    int setsockopt(int fd, int level, int optname, @In ByteBuffer optval, int optlen);

    @SaveError
    int getsockname(int fd, @Out ByteBuffer addr, @In @Out ByteBuffer addrlen);

    @SaveError
    int close(int fd);

    /** Opens {@code path} ({@code open(2)}); returns the fd, or -1 with errno. */
    @SaveError
    int open(String path, int flags);

    /** Moves the calling thread into the namespace behind {@code fd} ({@code setns(2)}); 0, or -1 with errno. */
    @SaveError
    int setns(int fd, int nstype);

    /** Returns the index of interface {@code name}, or 0 (with errno) if there is none. */
    @SaveError
    int if_nametoindex(String name);

    String strerror(int errnum);

    /** Loads libc (libc.so.6 on Linux). */
    static LibC load() {
        return LibraryLoader.create(LibC.class)
                .option(LibraryOption.LoadNow, true)
                .load(Platform.getNativePlatform().getStandardCLibraryName());
    }
}
