package io.slb.netlink;

import org.jspecify.annotations.Nullable;

/**
 * NetlinkProtocolException is a reply that does not make sense: a truncated or malformed message or
 * attribute, a reply to a sequence number or port id that was not ours. Decoders throw it at the first
 * bad byte, with a message such as {@code IPVS_SVC_ATTR_PORT(4): length 3 (expected: 2)}; it is the only
 * exception any decoder in this package throws for bad input.
 */
public final class NetlinkProtocolException extends NetlinkException {
    /** Creates one for a bad reply to request {@code seq} of {@code operation}. */
    public NetlinkProtocolException(@Nullable String operation, long seq, String detail) {
        super(operation, seq, detail, null);
    }

    /** Creates one for bad bytes outside any exchange (decoding an attribute or a message). */
    public NetlinkProtocolException(String detail) {
        super(null, NO_SEQ, detail, null);
    }

    /** Creates one for a bad reply found while decoding, keeping the decoder's exception as cause. */
    public NetlinkProtocolException(@Nullable String operation, long seq, NetlinkProtocolException cause) {
        super(operation, seq, cause.detail(), cause);
    }
}
