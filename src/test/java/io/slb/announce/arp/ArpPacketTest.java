package io.slb.announce.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ArpPacketTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:00:aa:00:01");

    /**
     * Frames iputils arping 20221126 (Debian 12) sent from a veth with MAC 02:00:00:aa:00:01 holding
     * 198.18.0.100, captured on the peer end with an AF_PACKET socket: {@code arping -U -c 1 -I va
     * 198.18.0.100} and {@code arping -A -c 1 -I va 198.18.0.100}.
     */
    static final String ARPING_U = "ffffffffffff020000aa0001080600010800060400"
            + "01020000aa0001c6120064ffffffffffffc6120064";
    static final String ARPING_A = "ffffffffffff020000aa0001080600010800060400"
            + "02020000aa0001c6120064020000aa0001c6120064";
    /**
     * The gratuitous request Linux itself sends for 198.18.0.1 when the link comes up with
     * {@code arp_notify=1} ({@code inetdev_send_gratuitous_arp}): RFC 5227's form, target MAC zero.
     */
    static final String KERNEL_ARP_NOTIFY = "ffffffffffff020000aa0001080600010800060400"
            + "01020000aa0001c6120001000000000000c6120001";

    @Test
    void unsolicitedRequestIsWhatArpingDashUSends() throws Exception {
        assertThat(hex(ArpPacket.unsolicitedRequest(MAC, ipv4("198.18.0.100")).frame())).isEqualTo(ARPING_U);
    }

    @Test
    void unsolicitedReplyIsWhatArpingDashASends() throws Exception {
        assertThat(hex(ArpPacket.unsolicitedReply(MAC, ipv4("198.18.0.100")).frame())).isEqualTo(ARPING_A);
    }

    @Test
    void decodesTheKernelsOwnGratuitousRequest() throws Exception {
        ByteBuffer frame = ByteBuffer.wrap(HexFormat.of().parseHex(KERNEL_ARP_NOTIFY));
        EthernetHeader header = EthernetHeader.read(frame);

        ArpPacket arp = ArpPacket.decode(frame);

        assertThat(header).isEqualTo(new EthernetHeader(MacAddress.BROADCAST, MAC, IfEther.ETH_P_ARP));
        assertThat(arp).isEqualTo(new ArpPacket(IfArp.ARPOP_REQUEST, MAC, ipv4("198.18.0.1"), MacAddress.ZERO,
                ipv4("198.18.0.1")));
        assertThat(arp.isGratuitous()).isTrue();
    }

    @Test
    void bothFormsAreGratuitousAsTheKernelJudgesIt() throws Exception {
        Inet4Address vip = ipv4("198.18.0.100");

        assertThat(ArpPacket.unsolicitedRequest(MAC, vip).isGratuitous()).isTrue();
        assertThat(ArpPacket.unsolicitedReply(MAC, vip).isGratuitous()).isTrue();
        assertThat(new ArpPacket(IfArp.ARPOP_REPLY, MAC, vip, MacAddress.BROADCAST, vip).isGratuitous()).isFalse();
        assertThat(new ArpPacket(IfArp.ARPOP_REQUEST, MAC, vip, MacAddress.ZERO, ipv4("198.18.0.1")).isGratuitous())
                .isFalse();
    }

    @Test
    void roundTripsAndIgnoresPadding() throws Exception {
        ArpPacket arp = new ArpPacket(IfArp.ARPOP_REPLY, MAC, ipv4("10.1.2.3"), MacAddress.parse("FE:DC:BA:98:76:54"),
                ipv4("255.0.0.1"));
        ByteBuffer padded = ByteBuffer.allocate(46).put(arp.encode()).rewind();

        assertThat(ArpPacket.decode(padded)).isEqualTo(arp);
        assertThat(padded.position()).isEqualTo(ArpPacket.LENGTH);
    }

    @Test
    void refusesWhatIsNotEthernetIpv4RequestOrReply() {
        String body = ARPING_A.substring(28);
        assertRefused(body.substring(0, 3) + "6" + body.substring(4), "ARP hardware type: 6 (expected: 1)");
        assertRefused(body.substring(0, 4) + "86dd" + body.substring(8), "ARP protocol type: 34525 (expected: 2048)");
        assertRefused(body.substring(0, 8) + "08" + body.substring(10), "ARP hardware address length: 8 (expected: 6)");
        assertRefused(body.substring(0, 10) + "10" + body.substring(12), "ARP protocol address length: 16 (expected: 4)");
        assertRefused(body.substring(0, 12) + "0003" + body.substring(16), "operation: 3 (expected: 1 (request) or 2 (reply))");
        assertRefused(body.substring(0, 54), "ARP packet: 27 octets (expected: >= 28)");
    }

    private static void assertRefused(String hex, String message) {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(hex));

        assertThatThrownBy(() -> ArpPacket.decode(in)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static Inet4Address ipv4(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }
}
