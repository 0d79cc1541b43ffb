package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLMSGERR_ATTR_MSG;
import static io.slb.netlink.uapi.NetlinkH.NLMSGERR_ATTR_OFFS;
import static io.slb.netlink.uapi.NetlinkH.NLMSGERR_ERROR_LEN;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_ALIGN;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_HDRLEN;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_ACK_TLVS;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_CAPPED;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Acks decodes the messages that end a request: NLMSG_ERROR ({@code struct nlmsgerr}: {@code int
 * error}, the request's header and, unless NLM_F_CAPPED, its payload, then NLMSGERR_ATTR_* TLVs if
 * NLM_F_ACK_TLVS) and NLMSG_DONE (an {@code int} that is negative when a dump failed midway).
 */
final class Acks {
    private static final int NLMSGERR_MIN_LEN = NLMSGERR_ERROR_LEN + NLMSG_HDRLEN;
    /** The largest errno the kernel returns (include/linux/err.h MAX_ERRNO). */
    private static final int MAX_ERRNO = 4095;

    private Acks() {}

    /** Returns null for an ACK (error 0), the kernel's errno as an exception otherwise. */
    static @Nullable NetlinkException error(String operation, long seq, NlMessage reply) throws NetlinkProtocolException {
        ByteBuffer p = reply.payloadBuffer();
        if (p.remaining() < NLMSGERR_MIN_LEN) {
            throw new NetlinkProtocolException(operation, seq, "NLMSG_ERROR: payload " + p.remaining()
                    + " bytes (expected: >= " + NLMSGERR_MIN_LEN + ")");
        }
        int error = p.getInt(0);
        if (error > 0 || error < -MAX_ERRNO) {
            throw new NetlinkProtocolException(operation, seq, "NLMSG_ERROR: error " + error
                    + " (expected: -" + MAX_ERRNO + "..0)");
        }
        if (error == 0) {
            return null;
        }
        String message = null;
        int offset = NetlinkErrnoException.NO_OFFSET;
        if ((reply.flags() & NLM_F_ACK_TLVS) != 0) {
            int requestLength = p.getInt(NLMSGERR_ERROR_LEN);
            int tlvs = NLMSGERR_ERROR_LEN + ((reply.flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : NLMSG_ALIGN(requestLength));
            if (requestLength < NLMSG_HDRLEN || tlvs < NLMSGERR_MIN_LEN || tlvs > p.remaining()) {
                throw new NetlinkProtocolException(operation, seq, "NLMSG_ERROR: extended ack at " + tlvs
                        + " (expected: " + NLMSGERR_MIN_LEN + ".." + p.remaining() + ")");
            }
            AttrReader r = reply.attributes(tlvs, Acks::name);
            try {
                while (r.next()) {
                    switch (r.type()) {
                        case NLMSGERR_ATTR_MSG -> message = r.string();
                        case NLMSGERR_ATTR_OFFS -> offset = r.u32();
                        default -> { }
                    }
                }
            } catch (NetlinkProtocolException e) {
                throw new NetlinkProtocolException(operation, seq, e);
            }
        }
        return NetlinkErrnoException.kernel(operation, seq, -error, message, offset);
    }

    /** Returns null for a dump that ended well, the errno as an exception for one that failed midway. */
    static @Nullable NetlinkException done(String operation, long seq, NlMessage reply) {
        ByteBuffer p = reply.payloadBuffer();
        if (p.remaining() < NLMSGERR_ERROR_LEN || p.getInt(0) >= 0) {
            return null;
        }
        if (p.getInt(0) < -MAX_ERRNO) {
            return new NetlinkProtocolException(operation, seq, "NLMSG_DONE: error " + p.getInt(0)
                    + " (expected: -" + MAX_ERRNO + "..0)");
        }
        return NetlinkErrnoException.kernel(operation, seq, -p.getInt(0), null, NetlinkErrnoException.NO_OFFSET);
    }

    private static String name(int type) {
        return switch (type) {
            case NLMSGERR_ATTR_MSG -> "NLMSGERR_ATTR_MSG";
            case NLMSGERR_ATTR_OFFS -> "NLMSGERR_ATTR_OFFS";
            default -> "NLMSGERR_ATTR";
        };
    }
}
