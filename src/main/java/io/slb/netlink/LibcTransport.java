package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NETLINK_CAP_ACK;
import static io.slb.netlink.uapi.NetlinkH.NETLINK_EXT_ACK;
import static io.slb.netlink.uapi.NetlinkH.SOCKADDR_NL_LEN;
import static io.slb.netlink.uapi.SocketH.AF_NETLINK;

import io.slb.sys.Errno;
import io.slb.sys.LibC;
import io.slb.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * LibcTransport is an AF_NETLINK socket through {@link LibC}: opened with SOCK_CLOEXEC, bound to port
 * id 0 so the kernel assigns one, with NETLINK_EXT_ACK and NETLINK_CAP_ACK on and SO_RCVTIMEO set so a
 * receive never waits forever. The only class in slb that makes netlink syscalls. Not thread safe.
 */
final class LibcTransport implements NetlinkTransport {
    private static final Logger log = LogManager.getLogger();

    // include/linux/socket.h and asm-generic/socket.h, x86_64 values.
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SOL_NETLINK = 270;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    /** {@code struct timeval}: long tv_sec, long tv_usec. */
    private static final int TIMEVAL_LEN = 16;
    private static final int INT_LEN = 4;

    private final Syscalls sys;
    private final LibC libc;
    private final int fd;
    private final int portId;
    private final ByteBuffer kernel;
    private boolean closed;

    private LibcTransport(Syscalls sys, int fd, int portId) {
        this.sys = sys;
        this.libc = sys.libc();
        this.fd = fd;
        this.portId = portId;
        this.kernel = sockaddrNl();
    }

    /** Opens and binds a socket of netlink {@code protocol} (NETLINK_ROUTE, NETLINK_GENERIC, ...). */
    static LibcTransport open(Syscalls sys, int protocol, Duration receiveTimeout) throws NetlinkErrnoException {
        LibC libc = sys.libc();
        int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NetlinkErrnoException.syscall(null, NetlinkException.NO_SEQ, "socket", sys.errno());
        }
        try {
            enable(sys, fd, NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
            enable(sys, fd, NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
            ByteBuffer timeout = ByteBuffer.allocate(TIMEVAL_LEN).order(ByteOrder.nativeOrder())
                    .putLong(receiveTimeout.toSeconds()).putLong(receiveTimeout.toMillisPart() * 1000L).flip();
            check(sys, libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, TIMEVAL_LEN), "setsockopt(SO_RCVTIMEO)");
            check(sys, libc.bind(fd, sockaddrNl(), SOCKADDR_NL_LEN), "bind");
            ByteBuffer addr = ByteBuffer.allocate(SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
            ByteBuffer len = ByteBuffer.allocate(INT_LEN).order(ByteOrder.nativeOrder()).putInt(0, SOCKADDR_NL_LEN);
            check(sys, libc.getsockname(fd, addr, len), "getsockname");
            int portId = addr.getInt(4);
            log.debug("netlink socket fd {} protocol {} bound to port id {}", fd, protocol, Integer.toUnsignedString(portId));
            return new LibcTransport(sys, fd, portId);
        } catch (NetlinkErrnoException e) {
            libc.close(fd);
            throw e;
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public int send(ByteBuffer datagram) {
        ensureOpen();
        long n = libc.sendto(fd, datagram, datagram.remaining(), 0, kernel, SOCKADDR_NL_LEN);
        return n < 0 ? -sys.errno() : 0;
    }

    @Override
    public int receive(ByteBuffer into, boolean wait) {
        ensureOpen();
        into.clear();
        int flags = MSG_TRUNC | (wait ? 0 : MSG_DONTWAIT);
        while (true) {
            long n = libc.recvfrom(fd, into, into.capacity(), flags, null, null);
            if (n >= 0) {
                return (int) n;
            }
            int errno = sys.errno();
            if (errno != Errno.EINTR) {
                return -errno;
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
            log.debug("netlink socket fd {} (port id {}) closed", fd, Integer.toUnsignedString(portId));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket fd " + fd + " is closed");
        }
    }

    private static void enable(Syscalls sys, int fd, int option, String name) {
        ByteBuffer one = ByteBuffer.allocate(INT_LEN).order(ByteOrder.nativeOrder()).putInt(0, 1);
        if (sys.libc().setsockopt(fd, SOL_NETLINK, option, one, INT_LEN) < 0) {
            // Kernels before 4.12 lack NETLINK_EXT_ACK (ENOPROTOOPT); errors then come without their text.
            log.debug("netlink socket fd {}: setsockopt({}) failed: {}", fd, name, sys.describe(sys.errno()));
        }
    }

    private static void check(Syscalls sys, int rc, String syscall) throws NetlinkErrnoException {
        if (rc < 0) {
            throw NetlinkErrnoException.syscall(null, NetlinkException.NO_SEQ, syscall, sys.errno());
        }
    }

    private static ByteBuffer sockaddrNl() {
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) AF_NETLINK);
        return b;
    }
}
