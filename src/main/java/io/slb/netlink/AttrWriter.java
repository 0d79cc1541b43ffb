package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLA_ALIGN;
import static io.slb.netlink.uapi.NetlinkH.NLA_F_NESTED;
import static io.slb.netlink.uapi.NetlinkH.NLA_HDRLEN;
import static io.slb.netlink.uapi.NetlinkH.NLA_TYPE_MASK;
import static io.slb.netlink.uapi.NetlinkH.NLMSG_ALIGN;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * AttrWriter builds a netlink payload: an optional fixed family header, then {@code struct nlattr}s,
 * each padded to 4 bytes. Integers are native order except {@code be16}/{@code be32} (the kernel's
 * {@code __be16}/{@code __be32}); {@link #nested} sets NLA_F_NESTED. Not thread safe; throws
 * IllegalArgumentException for a type outside 0..0x3fff or an attribute longer than 65535 bytes.
 */
public final class AttrWriter {
    private static final int MAX_ATTR_LEN = 0xFFFF;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Creates a writer with no fixed header. */
    public AttrWriter() {}

    /** Creates a writer whose payload starts with {@code header} (its length must be a multiple of 4). */
    public static AttrWriter withHeader(byte[] header) {
        if (header.length != NLMSG_ALIGN(header.length)) {
            throw new IllegalArgumentException("header: " + header.length + " bytes (expected: a multiple of 4)");
        }
        AttrWriter w = new AttrWriter();
        w.out.writeBytes(header);
        return w;
    }

    public AttrWriter u8(int type, int value) {
        return bytes(type, new byte[] {(byte) value});
    }

    public AttrWriter u16(int type, int value) {
        return put(type, 2, ByteOrder.nativeOrder(), b -> b.putShort((short) value));
    }

    public AttrWriter u32(int type, int value) {
        return put(type, 4, ByteOrder.nativeOrder(), b -> b.putInt(value));
    }

    public AttrWriter u64(int type, long value) {
        return put(type, 8, ByteOrder.nativeOrder(), b -> b.putLong(value));
    }

    /** Writes a {@code __be16} (network order), e.g. a port. */
    public AttrWriter be16(int type, int value) {
        return put(type, 2, ByteOrder.BIG_ENDIAN, b -> b.putShort((short) value));
    }

    /** Writes a {@code __be32} (network order). */
    public AttrWriter be32(int type, int value) {
        return put(type, 4, ByteOrder.BIG_ENDIAN, b -> b.putInt(value));
    }

    /** Writes {@code value} as a NUL-terminated string (NLA_NUL_STRING / NLA_STRING). */
    public AttrWriter string(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[text.length + 1];
        System.arraycopy(text, 0, z, 0, text.length);
        return bytes(type, z);
    }

    /** Writes a flag attribute (no payload). */
    public AttrWriter flag(int type) {
        return bytes(type, new byte[0]);
    }

    public AttrWriter bytes(int type, byte[] value) {
        header(type, 0, value.length);
        out.writeBytes(value);
        pad();
        return this;
    }

    /** Writes a nested attribute with NLA_F_NESTED set, its content written by {@code body}. */
    public AttrWriter nested(int type, Consumer<AttrWriter> body) {
        AttrWriter inner = new AttrWriter();
        body.accept(inner);
        byte[] content = inner.toBytes();
        header(type, NLA_F_NESTED, content.length);
        out.writeBytes(content);
        return this;
    }

    /** Returns the payload written so far (always a multiple of 4 bytes). */
    public byte[] toBytes() {
        return out.toByteArray();
    }

    private AttrWriter put(int type, int size, ByteOrder order, Consumer<ByteBuffer> value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        value.accept(b);
        return bytes(type, b.array());
    }

    private void header(int type, int typeFlags, int payloadLength) {
        if (type < 0 || type > NLA_TYPE_MASK) {
            throw new IllegalArgumentException("attribute type: " + type + " (expected: 0.." + NLA_TYPE_MASK + ")");
        }
        int len = NLA_HDRLEN + payloadLength;
        if (len > MAX_ATTR_LEN) {
            throw new IllegalArgumentException("attribute " + type + ": length " + len + " (expected: <= " + MAX_ATTR_LEN + ")");
        }
        ByteBuffer h = ByteBuffer.allocate(NLA_HDRLEN).order(ByteOrder.nativeOrder());
        h.putShort((short) len).putShort((short) (type | typeFlags));
        out.writeBytes(h.array());
    }

    private void pad() {
        int size = out.size();
        for (int i = size; i < NLA_ALIGN(size); i++) {
            out.write(0);
        }
    }
}
