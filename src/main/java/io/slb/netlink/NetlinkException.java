package io.slb.netlink;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * NetlinkException is a failed netlink exchange: either the kernel or a syscall said no
 * ({@link NetlinkErrnoException}) or a reply made no sense ({@link NetlinkProtocolException}). It names
 * the operation ({@code RTM_NEWADDR}, {@code IPVS_CMD_NEW_SERVICE}) and the request's sequence number
 * when they are known.
 */
public abstract sealed class NetlinkException extends IOException
        permits NetlinkErrnoException, NetlinkProtocolException {
    /** NO_SEQ is {@link #seq()} for a failure not tied to a request (a decode error, opening the socket). */
    public static final long NO_SEQ = -1;

    private final @Nullable String operation;
    private final long seq;
    private final String detail;

    NetlinkException(@Nullable String operation, long seq, String detail, @Nullable Throwable cause) {
        super(describe(operation, detail, seq), cause);
        this.operation = operation;
        this.seq = seq;
        this.detail = detail;
    }

    /** Returns the operation's name, or null when the failure happened outside one. */
    public @Nullable String operation() {
        return operation;
    }

    /** Returns the request's sequence number (unsigned), or {@link #NO_SEQ}. */
    public long seq() {
        return seq;
    }

    /** Returns the message without the operation and sequence number. */
    public String detail() {
        return detail;
    }

    private static String describe(@Nullable String operation, String detail, long seq) {
        StringBuilder b = new StringBuilder("netlink");
        if (operation != null) {
            b.append(' ').append(operation);
        }
        b.append(": ").append(detail);
        if (seq != NO_SEQ) {
            b.append(", seq ").append(seq);
        }
        return b.toString();
    }
}
