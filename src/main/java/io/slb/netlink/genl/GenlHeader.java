package io.slb.netlink.genl;

import static io.slb.netlink.uapi.GenetlinkH.GENL_HDRLEN;

import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NlMessage;
import java.nio.ByteBuffer;

/**
 * GenlHeader is {@code struct genlmsghdr}: the command and the family's interface version, both u8,
 * then two reserved bytes. Immutable.
 */
public record GenlHeader(int cmd, int version) {
    private static final int U8_MAX = 0xFF;

    public GenlHeader {
        if (cmd < 0 || cmd > U8_MAX) {
            throw new IllegalArgumentException("cmd: " + cmd + " (expected: 0..255)");
        }
        if (version < 0 || version > U8_MAX) {
            throw new IllegalArgumentException("version: " + version + " (expected: 0..255)");
        }
    }

    /** Returns the 4 encoded bytes. */
    public byte[] encode() {
        return new byte[] {(byte) cmd, (byte) version, 0, 0};
    }

    /** Reads the header at the start of {@code message}'s payload; throws if the payload is shorter. */
    public static GenlHeader decode(NlMessage message) throws NetlinkProtocolException {
        if (message.payloadLength() < GENL_HDRLEN) {
            throw new NetlinkProtocolException("genlmsghdr: payload " + message.payloadLength()
                    + " bytes (expected: >= " + GENL_HDRLEN + ")");
        }
        ByteBuffer p = message.payloadBuffer();
        return new GenlHeader(p.get(0) & U8_MAX, p.get(1) & U8_MAX);
    }
}
