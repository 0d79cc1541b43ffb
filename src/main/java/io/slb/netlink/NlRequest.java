package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLM_F_ACK;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_DUMP;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_REQUEST;

import java.util.Arrays;
import java.util.Objects;

/**
 * NlRequest is a message to send before {@link NetlinkSocket} stamps its sequence number and port id:
 * the operation's name for errors and logs ({@code RTM_NEWADDR}), the message type, flags and payload.
 * A "do" request ({@link #of}) is sent with NLM_F_REQUEST|NLM_F_ACK and ends at its ACK; a dump
 * ({@link #dump}) is sent with NLM_F_REQUEST|NLM_F_DUMP and ends at NLMSG_DONE. Immutable.
 */
public record NlRequest(String operation, int type, int flags, byte[] payload, boolean dump) {
    public NlRequest {
        Objects.requireNonNull(operation, "operation");
        payload = payload.clone();
    }

    /** Returns a "do" request; {@code flags} adds modifiers such as NLM_F_CREATE|NLM_F_EXCL. */
    public static NlRequest of(String operation, int type, int flags, byte[] payload) {
        return new NlRequest(operation, type, flags | NLM_F_REQUEST | NLM_F_ACK, payload, false);
    }

    /** Returns a dump request. */
    public static NlRequest dump(String operation, int type, byte[] payload) {
        return new NlRequest(operation, type, NLM_F_REQUEST | NLM_F_DUMP, payload, true);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Returns the message to send with sequence number {@code seq} (port id 0: the kernel fills it in). */
    NlMessage toMessage(int seq) {
        return new NlMessage(type, flags, seq, 0, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlRequest r && r.operation.equals(operation) && r.type == type && r.flags == flags
                && r.dump == dump && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, type, flags, dump) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NlRequest[" + operation + ", type=" + type + ", flags=0x" + Integer.toHexString(flags)
                + ", payload=" + payload.length + " bytes, dump=" + dump + "]";
    }
}
