package io.slb.netlink;

import io.slb.sys.Errno;
import org.jspecify.annotations.Nullable;

/**
 * NetlinkErrnoException is an errno: from the kernel's NLMSG_ERROR reply to a request
 * ({@link Source#KERNEL}, with the extended-ack text and attribute offset when the kernel sent them),
 * or from a failed syscall on the socket ({@link Source#SYSCALL}, with the syscall's name). Message
 * example: {@code netlink RTM_NEWADDR: EEXIST (17), seq 812, ext-ack: "address already assigned"}.
 */
public final class NetlinkErrnoException extends NetlinkException {
    /** Source says who reported the errno. */
    public enum Source {
        /** A libc call on the socket failed (the socket or the machine broke). */
        SYSCALL,
        /** The kernel refused the request (the request was wrong or the state did not allow it). */
        KERNEL
    }

    /** NO_OFFSET is {@link #extAckOffset()} when the kernel named no attribute. */
    public static final int NO_OFFSET = -1;

    private final int errno;
    private final Source source;
    private final @Nullable String syscall;
    private final @Nullable String extAckMessage;
    private final int extAckOffset;

    private NetlinkErrnoException(@Nullable String operation, long seq, int errno, Source source,
            @Nullable String syscall, @Nullable String extAckMessage, int extAckOffset, @Nullable Throwable cause) {
        super(operation, seq, detail(errno, syscall, extAckMessage, extAckOffset), cause);
        this.errno = errno;
        this.source = source;
        this.syscall = syscall;
        this.extAckMessage = extAckMessage;
        this.extAckOffset = extAckOffset;
    }

    /** Returns the kernel's refusal of request {@code seq} of {@code operation}. */
    public static NetlinkErrnoException kernel(String operation, long seq, int errno,
            @Nullable String extAckMessage, int extAckOffset) {
        return new NetlinkErrnoException(operation, seq, errno, Source.KERNEL, null, extAckMessage, extAckOffset, null);
    }

    /** Returns a failed {@code syscall} while working on {@code operation} (null outside one). */
    public static NetlinkErrnoException syscall(@Nullable String operation, long seq, String syscall, int errno) {
        return new NetlinkErrnoException(operation, seq, errno, Source.SYSCALL, syscall, null, NO_OFFSET, null);
    }

    /** Returns the errno number (positive, e.g. 17). */
    public int errno() {
        return errno;
    }

    /** Returns the errno's name, e.g. {@code EEXIST}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    public Source source() {
        return source;
    }

    /** Returns the failed syscall's name for {@link Source#SYSCALL}, else null. */
    public @Nullable String syscall() {
        return syscall;
    }

    /** Returns the kernel's NLMSGERR_ATTR_MSG text, or null if it sent none. */
    public @Nullable String extAckMessage() {
        return extAckMessage;
    }

    /** Returns NLMSGERR_ATTR_OFFS (the bad attribute's byte offset in the request), or {@link #NO_OFFSET}. */
    public int extAckOffset() {
        return extAckOffset;
    }

    private static String detail(int errno, @Nullable String syscall, @Nullable String extAck, int offset) {
        StringBuilder b = new StringBuilder();
        if (syscall != null) {
            b.append(syscall).append(": ");
        }
        b.append(Errno.name(errno)).append(" (").append(errno).append(')');
        if (extAck != null) {
            b.append(", ext-ack: \"").append(extAck).append('"');
        }
        if (offset != NO_OFFSET) {
            b.append(", ext-ack offset ").append(offset);
        }
        return b.toString();
    }
}
