package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLMSG_ALIGN;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_HDRLEN;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * NlMessage is one netlink message: the {@code struct nlmsghdr} fields and the payload after it (a
 * family header such as {@code ifaddrmsg} or {@code genlmsghdr}, then attributes). {@code type} and
 * {@code flags} are u16, {@code seq} and {@code pid} u32 held in an int. The payload is copied in and
 * out, so an NlMessage is immutable; equality compares the payload's bytes.
 */
public record NlMessage(int type, int flags, int seq, int pid, byte[] payload) {
    private static final int U16_MAX = 0xFFFF;

    public NlMessage {
        if (type < 0 || type > U16_MAX) {
            throw new IllegalArgumentException("type: " + type + " (expected: 0..65535)");
        }
        if (flags < 0 || flags > U16_MAX) {
            throw new IllegalArgumentException("flags: " + flags + " (expected: 0..65535)");
        }
        payload = payload.clone();
    }

    /** Returns a copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Returns the payload's length in bytes. */
    public int payloadLength() {
        return payload.length;
    }

    /** Returns a read-only, native-order view of the payload (position 0). */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * Returns a reader over the attributes that follow a fixed family header of {@code headerLength}
     * bytes; throws NetlinkProtocolException if the payload is shorter than that header.
     */
    public AttrReader attributes(int headerLength, IntFunction<String> names) throws NetlinkProtocolException {
        if (headerLength < 0 || payload.length < headerLength) {
            throw new NetlinkProtocolException("message type " + type + ": payload " + payload.length
                    + " bytes (expected: >= " + headerLength + ")");
        }
        return AttrReader.over(payload, headerLength, payload.length - headerLength, names);
    }

    /** Returns the encoded size including the header and the padding after the payload. */
    public int encodedLength() {
        return NLMSG_ALIGN(NLMSG_HDRLEN + payload.length);
    }

    /** Writes this message (header, payload, padding) at {@code out}'s position in native order. */
    public void encodeTo(ByteBuffer out) {
        ByteBuffer b = out.duplicate().order(ByteOrder.nativeOrder());
        int start = b.position();
        b.putInt(NLMSG_HDRLEN + payload.length).putShort((short) type).putShort((short) flags)
                .putInt(seq).putInt(pid).put(payload);
        while (b.position() - start < encodedLength()) {
            b.put((byte) 0);
        }
        out.position(b.position());
    }

    /** Returns this message encoded alone. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedLength());
        encodeTo(b);
        return b.array();
    }

    /**
     * Decodes every message in a datagram (from {@code in}'s position to its limit). Throws
     * NetlinkProtocolException, and nothing else, if a header is short or a length runs past the end.
     */
    public static List<NlMessage> decodeAll(ByteBuffer in) throws NetlinkProtocolException {
        ByteBuffer b = in.duplicate().order(ByteOrder.nativeOrder());
        List<NlMessage> messages = new ArrayList<>();
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < NLMSG_HDRLEN) {
                throw new NetlinkProtocolException("message at " + at + ": " + b.remaining()
                        + " bytes left (expected: >= " + NLMSG_HDRLEN + ")");
            }
            int len = b.getInt(at);
            if (len < NLMSG_HDRLEN || len > b.remaining()) {
                throw new NetlinkProtocolException("message at " + at + ": nlmsg_len " + Integer.toUnsignedString(len)
                        + " (expected: " + NLMSG_HDRLEN + ".." + b.remaining() + ")");
            }
            byte[] payload = new byte[len - NLMSG_HDRLEN];
            b.position(at + NLMSG_HDRLEN).get(payload);
            messages.add(new NlMessage(b.getShort(at + 4) & U16_MAX, b.getShort(at + 6) & U16_MAX,
                    b.getInt(at + 8), b.getInt(at + 12), payload));
            b.position(Math.min(b.limit(), at + NLMSG_ALIGN(len)));
        }
        return messages;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlMessage m && m.type == type && m.flags == flags && m.seq == seq && m.pid == pid
                && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + flags) * 31 + seq) * 31 + pid + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NlMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq="
                + Integer.toUnsignedString(seq) + ", pid=" + Integer.toUnsignedString(pid) + ", payload="
                + HexFormat.of().formatHex(payload) + "]";
    }
}
