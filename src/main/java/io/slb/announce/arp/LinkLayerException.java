package io.slb.announce.arp;

import io.slb.sys.Errno;
import java.io.IOException;

/**
 * LinkLayerException says that a call on the AF_PACKET socket of an adapter failed, with the errno
 * the kernel returned, e.g. {@code sendto eth0: ENETDOWN (100): Network is down}.
 */
public final class LinkLayerException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    LinkLayerException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** Returns the errno, or 0 if the failure was not a failed system call. */
    public int errno() {
        return errno;
    }

    /** Returns the errno's symbolic name ({@code ENETDOWN}). */
    public String errnoName() {
        return Errno.name(errno);
    }
}
