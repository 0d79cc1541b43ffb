package io.slb.netlink;

import java.nio.ByteBuffer;

/**
 * NetlinkTransport moves whole datagrams between a {@link NetlinkSocket} and the kernel. Production
 * uses the libc socket ({@link NetlinkSocket#open}); tests plug in a byte-level fake that answers
 * requests like the kernel, so everything above the syscalls runs as in production. Results follow
 * the syscalls: a length, or a negated errno. Not thread safe.
 */
public interface NetlinkTransport extends AutoCloseable {
    /** Returns the port id the kernel assigned to this socket (nlmsg_pid of replies). */
    int portId();

    /** Sends the bytes from {@code datagram}'s position to its limit as one datagram; returns 0 or -errno. */
    int send(ByteBuffer datagram);

    /**
     * Receives one datagram into {@code into} from index 0 and returns its full length, which exceeds
     * {@code into.capacity()} if it was truncated, or -errno (-EAGAIN when {@code wait} is false and
     * nothing is pending, or when waiting timed out).
     */
    int receive(ByteBuffer into, boolean wait);

    /** Closes the socket; idempotent. */
    @Override
    void close();
}
