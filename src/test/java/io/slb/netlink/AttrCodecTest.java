package io.slb.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.netlink.uapi.NetlinkH;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** AttrWriter and AttrReader: wire layout, alignment, nesting, byte order, and errors naming the attribute. */
class AttrCodecTest {
    private static final IntFunction<String> NAMES = type -> type == 4 ? "IPVS_SVC_ATTR_PORT" : "ATTR";
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    @Test
    void u16IsPaddedToFourBytes() {
        byte[] bytes = new AttrWriter().u16(1, 0x1234).u8(2, 7).toBytes();

        assertThat(bytes).hasSize(16);
        assertThat(hex(bytes)).isEqualTo(LITTLE ? "06000100341200000500020007000000" : "00060001123400000005000207000000");
    }

    @Test
    void be16IsNetworkOrderWhateverTheHost() {
        byte[] bytes = new AttrWriter().be16(4, 80).toBytes();

        assertThat(bytes[4]).isEqualTo((byte) 0);
        assertThat(bytes[5]).isEqualTo((byte) 80);
    }

    @Test
    void stringIsNulTerminatedAndPadded() {
        byte[] bytes = new AttrWriter().string(3, "lo").toBytes();

        assertThat(bytes).hasSize(8);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getShort(0)).isEqualTo((short) 7);
        assertThat(bytes[4]).isEqualTo((byte) 'l');
        assertThat(bytes[6]).isZero();
    }

    @Test
    void nestedSetsTheNestedFlagAndCountsItsContent() throws Exception {
        byte[] bytes = new AttrWriter().nested(1, w -> w.u32(2, 9).string(3, "rr")).toBytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());

        assertThat(b.getShort(0) & 0xFFFF).isEqualTo(4 + 8 + 8);
        assertThat(b.getShort(2) & 0xFFFF).isEqualTo(1 | NetlinkH.NLA_F_NESTED);
        AttrReader r = AttrReader.of(bytes, NAMES);
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(1);
        assertThat(r.isNested()).isTrue();
        AttrReader inner = r.nested(NAMES);
        assertThat(inner.next()).isTrue();
        assertThat(inner.u32()).isEqualTo(9);
        assertThat(inner.next()).isTrue();
        assertThat(inner.string()).isEqualTo("rr");
        assertThat(inner.next()).isFalse();
        assertThat(r.next()).isFalse();
    }

    @Test
    void headerIsKeptBeforeTheAttributes() {
        byte[] bytes = AttrWriter.withHeader(new byte[] {1, 2, 3, 4}).flag(5).toBytes();

        assertThat(hex(bytes)).isEqualTo(LITTLE ? "0102030404000500" : "0102030400040005");
    }

    @Test
    void unalignedHeaderIsRefused() {
        assertThatThrownBy(() -> AttrWriter.withHeader(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("header: 3 bytes (expected: a multiple of 4)");
    }

    @Test
    void attributeLongerThanU16IsRefused() {
        assertThatThrownBy(() -> new AttrWriter().bytes(1, new byte[65532]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attribute 1: length 65536 (expected: <= 65535)");
    }

    @Test
    void typeFlagsAreMaskedOffTheType() throws Exception {
        byte[] bytes = new AttrWriter().u8(2, 1).toBytes();
        bytes[LITTLE ? 3 : 2] |= 0x40; // NLA_F_NET_BYTEORDER
        AttrReader r = AttrReader.of(bytes, NAMES);

        r.next();
        assertThat(r.type()).isEqualTo(2);
        assertThat(r.isNested()).isFalse();
    }

    @Test
    void wrongLengthNamesTheAttribute() throws Exception {
        byte[] bytes = new AttrWriter().bytes(4, new byte[3]).toBytes();
        AttrReader r = AttrReader.of(bytes, NAMES);
        r.next();

        assertThatThrownBy(r::be16).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink: IPVS_SVC_ATTR_PORT(4): length 3 (expected: 2)");
    }

    @Test
    void lengthPastTheEndIsAProtocolError() {
        byte[] bytes = new AttrWriter().u32(4, 1).toBytes();
        bytes[LITTLE ? 0 : 1] = 12;
        AttrReader r = AttrReader.of(bytes, NAMES);

        assertThatThrownBy(r::next).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink: IPVS_SVC_ATTR_PORT(4): nla_len 12 (expected: 4..8)");
    }

    @Test
    void cutOffHeaderIsAProtocolError() {
        AttrReader r = AttrReader.of(new byte[] {8, 0}, NAMES);

        assertThatThrownBy(r::next).isInstanceOf(NetlinkProtocolException.class)
                .hasMessage("netlink: attribute at 0: 2 bytes left (expected: >= 4)");
    }

    @Test
    void gettersBeforeNextAreAProgrammingError() {
        assertThatThrownBy(() -> AttrReader.of(new byte[0], NAMES).type()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void randomAttributesRoundTrip() throws Exception {
        Random random = new Random(20240611L);
        for (int round = 0; round < 500; round++) {
            List<long[]> written = new ArrayList<>();
            AttrWriter w = new AttrWriter();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(5);
                int type = 1 + random.nextInt(NetlinkH.NLA_TYPE_MASK);
                long value = random.nextLong();
                switch (kind) {
                    case 0 -> w.u8(type, (int) value);
                    case 1 -> w.u16(type, (int) value);
                    case 2 -> w.u32(type, (int) value);
                    case 3 -> w.u64(type, value);
                    default -> w.be16(type, (int) value);
                }
                written.add(new long[] {kind, type, value});
            }
            AttrReader r = AttrReader.of(w.toBytes(), NAMES);
            for (long[] a : written) {
                assertThat(r.next()).isTrue();
                assertThat(r.type()).isEqualTo((int) a[1]);
                long read = switch ((int) a[0]) {
                    case 0 -> r.u8();
                    case 1 -> r.u16();
                    case 2 -> r.u32();
                    case 3 -> r.u64();
                    default -> r.be16();
                };
                long mask = switch ((int) a[0]) {
                    case 0 -> 0xFFL;
                    case 1, 4 -> 0xFFFFL;
                    case 2 -> 0xFFFF_FFFFL;
                    default -> -1L;
                };
                assertThat(read & mask).isEqualTo(a[2] & mask);
            }
            assertThat(r.next()).isFalse();
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
