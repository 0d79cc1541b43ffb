package io.slb.announce.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NeighborAdvertTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:aa:00:01");

    /**
     * The unsolicited NA a Linux 6.x kernel sent for 2001:db8::1 on a veth with MAC 02:00:00:aa:00:01
     * ({@code net.ipv6.conf.va.ndisc_notify=1}, address added with nodad), captured on the peer end
     * with an AF_PACKET socket.
     */
    static final String KERNEL_NA_FRAME = "333300000001020000aa000186dd"
            + "6000000000203aff20010db8000000000000000000000001ff020000000000000000000000000001"
            + "8800f8802000000020010db80000000000000000000000010201020000aa0001";
    /** The same kernel's NA for its link-local address fe80::ff:feaa:1 (another checksum). */
    static final String KERNEL_LINK_LOCAL_NA = "6000000000203afffe80000000000000000000fffeaa0001"
            + "ff0200000000000000000000000000018800579d20000000fe80000000000000000000fffeaa00010201020000aa0001";

    @Test
    void unsolicitedFrameMatchesTheOneLinuxSendsByteForByte() throws Exception {
        NeighborAdvert na = NeighborAdvert.unsolicited(MAC, ipv6("2001:db8::1"));

        assertThat(HexFormat.of().formatHex(na.frame(MAC))).isEqualTo(KERNEL_NA_FRAME);
    }

    @Test
    void decodesTheKernelsAdvertisement() throws Exception {
        ByteBuffer frame = ByteBuffer.wrap(HexFormat.of().parseHex(KERNEL_NA_FRAME));
        EthernetHeader header = EthernetHeader.read(frame);

        NeighborAdvert na = NeighborAdvert.decode(frame);

        assertThat(header).isEqualTo(new EthernetHeader(MacAddress.parse("33:33:00:00:00:01"), MAC, IfEther.ETH_P_IPV6));
        assertThat(na).isEqualTo(new NeighborAdvert(ipv6("2001:db8::1"), NeighborAdvert.ALL_NODES, false, false, true,
                ipv6("2001:db8::1"), MAC));
    }

    @Test
    void checksumAgreesWithTheKernelForALinkLocalAddress() throws Exception {
        NeighborAdvert na = NeighborAdvert.unsolicited(MAC, ipv6("fe80::ff:feaa:1"));

        assertThat(HexFormat.of().formatHex(na.encode())).isEqualTo(KERNEL_LINK_LOCAL_NA);
    }

    @Test
    void roundTripsEveryFlagCombinationWithAndWithoutTheOption() throws Exception {
        for (int flags = 0; flags < 8; flags++) {
            for (MacAddress option : new MacAddress[] {MAC, null}) {
                NeighborAdvert na = new NeighborAdvert(ipv6("2001:db8::5"), ipv6("2001:db8::9"), (flags & 4) != 0,
                        (flags & 2) != 0, (flags & 1) != 0, ipv6("2001:db8::5"), option);

                assertThat(NeighborAdvert.decode(ByteBuffer.wrap(na.encode()))).isEqualTo(na);
            }
        }
    }

    @Test
    void ignoresEthernetPaddingAfterThePayload() throws Exception {
        NeighborAdvert na = NeighborAdvert.unsolicited(MAC, ipv6("2001:db8::7"));
        ByteBuffer padded = ByteBuffer.wrap(Arrays.copyOf(na.encode(), na.encode().length + 10));

        assertThat(NeighborAdvert.decode(padded)).isEqualTo(na);
    }

    @Test
    void refusesACorruptedChecksum() {
        byte[] packet = HexFormat.of().parseHex(KERNEL_LINK_LOCAL_NA);
        packet[packet.length - 1] ^= 1;

        assertThatThrownBy(() -> NeighborAdvert.decode(ByteBuffer.wrap(packet)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ICMPv6 checksum");
    }

    @Test
    void refusesAHopLimitBelow255() {
        byte[] packet = HexFormat.of().parseHex(KERNEL_LINK_LOCAL_NA);
        packet[7] = 64;

        assertThatThrownBy(() -> NeighborAdvert.decode(ByteBuffer.wrap(packet)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hop limit: 64 (expected: 255)");
    }

    @Test
    void refusesAnOptionOfLengthZero() throws Exception {
        byte[] packet = new NeighborAdvert(ipv6("2001:db8::5"), NeighborAdvert.ALL_NODES, false, false, true,
                ipv6("2001:db8::5"), MAC).encode();
        packet[packet.length - 7] = 0;
        fixChecksum(packet);

        assertThatThrownBy(() -> NeighborAdvert.decode(ByteBuffer.wrap(packet)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("option 2: length 0 (expected: >= 1)");
    }

    @Test
    void refusesTruncatedPackets() {
        byte[] packet = HexFormat.of().parseHex(KERNEL_LINK_LOCAL_NA);
        for (int length : new int[] {0, 39, 40, 63, packet.length - 1}) {
            ByteBuffer in = ByteBuffer.wrap(packet, 0, length);

            assertThatThrownBy(() -> NeighborAdvert.decode(in)).as("length %d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("octets (expected: >=");
        }
    }

    @Test
    void refusesOtherIcmpTypes() {
        byte[] packet = HexFormat.of().parseHex(KERNEL_LINK_LOCAL_NA);
        packet[NeighborAdvert.IPV6_HEADER_LENGTH] = (byte) 135;
        fixChecksum(packet);

        assertThatThrownBy(() -> NeighborAdvert.decode(ByteBuffer.wrap(packet)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ICMPv6 type: 135 (expected: 136)");
    }

    private static void fixChecksum(byte[] packet) {
        int at = NeighborAdvert.IPV6_HEADER_LENGTH + 2;
        packet[at] = 0;
        packet[at + 1] = 0;
        int sum = NeighborAdvert.checksum(packet, NeighborAdvert.IPV6_HEADER_LENGTH, packet.length - NeighborAdvert.IPV6_HEADER_LENGTH);
        packet[at] = (byte) (sum >>> 8);
        packet[at + 1] = (byte) sum;
    }

    static Inet6Address ipv6(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }
}
