package io.slb.netlink;

import static io.slb.netlink.uapi.NetlinkH.NLA_ALIGN;
import static io.slb.netlink.uapi.NetlinkH.NLA_F_NESTED;
import static io.slb.netlink.uapi.NetlinkH.NLA_HDRLEN;
import static io.slb.netlink.uapi.NetlinkH.NLA_TYPE_MASK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * AttrReader walks a flat run of {@code struct nlattr}s: {@link #next()} moves to the next attribute,
 * then {@link #type()} and one typed getter read it, so a parse loop is one {@code switch} on int
 * constants. Every method throws {@link NetlinkProtocolException} at the first bad attribute, naming it
 * with the caller's names, e.g. {@code IPVS_SVC_ATTR_PORT(4): length 3 (expected: 2)}. Not thread safe.
 */
public final class AttrReader {
    /** UNNAMED names every attribute {@code attribute}, for callers without a names table. */
    public static final IntFunction<String> UNNAMED = type -> "attribute";

    private static final int U8 = 1;
    private static final int U16 = 2;
    private static final int U32 = 4;
    private static final int U64 = 8;

    private final byte[] buf;
    private final int end;
    private final IntFunction<String> names;
    private int next;
    private int type = -1;
    private int rawType;
    private int payloadAt;
    private int payloadLength;

    private AttrReader(byte[] buf, int offset, int length, IntFunction<String> names) {
        this.buf = buf;
        this.next = offset;
        this.end = offset + length;
        this.names = names;
    }

    /** Returns a reader over all of {@code attributes} (not copied: do not modify it while reading). */
    public static AttrReader of(byte[] attributes, IntFunction<String> names) {
        return over(attributes, 0, attributes.length, names);
    }

    static AttrReader over(byte[] buf, int offset, int length, IntFunction<String> names) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " (expected: within " + buf.length + ")");
        }
        return new AttrReader(buf, offset, length, names);
    }

    /**
     * Moves to the next attribute and returns true, or returns false at the end. Throws if the next
     * header is cut off or its length runs past the end of the run.
     */
    public boolean next() throws NetlinkProtocolException {
        if (next >= end) {
            type = -1;
            return false;
        }
        int left = end - next;
        if (left < NLA_HDRLEN) {
            throw new NetlinkProtocolException("attribute at " + next + ": " + left + " bytes left (expected: >= "
                    + NLA_HDRLEN + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        int len = b.getShort(next) & 0xFFFF;
        rawType = b.getShort(next + 2) & 0xFFFF;
        int t = rawType & NLA_TYPE_MASK;
        if (len < NLA_HDRLEN || len > left) {
            throw new NetlinkProtocolException(names.apply(t) + "(" + t + "): nla_len " + len
                    + " (expected: " + NLA_HDRLEN + ".." + left + ")");
        }
        type = t;
        payloadAt = next + NLA_HDRLEN;
        payloadLength = len - NLA_HDRLEN;
        next = Math.min(end, next + NLA_ALIGN(len));
        return true;
    }

    /** Returns the current attribute's type without NLA_F_NESTED and NLA_F_NET_BYTEORDER. */
    public int type() {
        current();
        return type;
    }

    /** Returns whether the current attribute carries NLA_F_NESTED. */
    public boolean isNested() {
        current();
        return (rawType & NLA_F_NESTED) != 0;
    }

    /** Returns the current attribute's payload length. */
    public int length() {
        current();
        return payloadLength;
    }

    public int u8() throws NetlinkProtocolException {
        return fixed(U8).get() & 0xFF;
    }

    public int u16() throws NetlinkProtocolException {
        return fixed(U16).getShort() & 0xFFFF;
    }

    /** Returns a u32 (read it with Integer.toUnsignedLong where it may exceed 2^31-1). */
    public int u32() throws NetlinkProtocolException {
        return fixed(U32).getInt();
    }

    public long u64() throws NetlinkProtocolException {
        return fixed(U64).getLong();
    }

    /** Returns a {@code __be16} (network order), e.g. a port. */
    public int be16() throws NetlinkProtocolException {
        return fixed(U16).order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
    }

    /** Returns a {@code __be32} (network order). */
    public int be32() throws NetlinkProtocolException {
        return fixed(U32).order(ByteOrder.BIG_ENDIAN).getInt();
    }

    /** Returns a copy of the payload. */
    public byte[] bytes() {
        current();
        return Arrays.copyOfRange(buf, payloadAt, payloadAt + payloadLength);
    }

    /** Returns the payload of exactly {@code expectedLength} bytes, e.g. an address. */
    public byte[] bytes(int expectedLength) throws NetlinkProtocolException {
        fixed(expectedLength);
        return bytes();
    }

    /** Returns the payload as UTF-8 text up to its first NUL (or all of it if it has none). */
    public String string() {
        current();
        int stop = payloadAt;
        while (stop < payloadAt + payloadLength && buf[stop] != 0) {
            stop++;
        }
        return new String(buf, payloadAt, stop - payloadAt, StandardCharsets.UTF_8);
    }

    /** Returns a reader over the current attribute's payload, naming its attributes with {@code nestedNames}. */
    public AttrReader nested(IntFunction<String> nestedNames) {
        current();
        return new AttrReader(buf, payloadAt, payloadLength, nestedNames);
    }

    /** Returns an exception about the current attribute, e.g. {@code IFA_FLAGS(8): unknown value 7}. */
    public NetlinkProtocolException error(String detail) {
        current();
        return new NetlinkProtocolException(names.apply(type) + "(" + type + "): " + detail);
    }

    private ByteBuffer fixed(int size) throws NetlinkProtocolException {
        current();
        if (payloadLength != size) {
            throw error("length " + payloadLength + " (expected: " + size + ")");
        }
        return ByteBuffer.wrap(buf, payloadAt, size).slice().order(ByteOrder.nativeOrder());
    }

    private void current() {
        if (type < 0) {
            throw new IllegalStateException("no current attribute (call next() first)");
        }
    }
}
