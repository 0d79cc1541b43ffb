package io.slb.netlink.rtnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NlMessage;
import io.slb.netlink.uapi.IfAddrH;
import io.slb.netlink.uapi.IfLinkH;
import io.slb.netlink.uapi.RtnetlinkH;
import io.slb.netlink.uapi.SocketH;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ifinfomsg and ifaddrmsg layouts: encoding, decoding, and what malformed replies raise. */
class RtnlCodecTest {
    @Test
    void ipv6VipIsEncodedWithNodadLocalAndAddress() throws Exception {
        IfAddress vip = IfAddress.vip(7, InetAddress.getByName("2001:db8::1"), 128);
        byte[] bytes = RtnlCodec.address(vip);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());

        assertThat(b.get(0)).isEqualTo((byte) SocketH.AF_INET6);
        assertThat(b.get(1) & 0xFF).isEqualTo(128);
        assertThat(b.get(2)).isEqualTo((byte) IfAddrH.IFA_F_NODAD);
        assertThat(b.get(3)).isEqualTo((byte) RtnetlinkH.RT_SCOPE_UNIVERSE);
        assertThat(b.getInt(4)).isEqualTo(7);
        AttrReader r = AttrReader.of(java.util.Arrays.copyOfRange(bytes, IfAddrH.IFADDRMSG_SIZE, bytes.length), RtnlCodec::ifaName);
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(IfAddrH.IFA_LOCAL);
        assertThat(r.bytes(16)).isEqualTo(vip.address().getAddress());
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(IfAddrH.IFA_ADDRESS);
        assertThat(r.next()).isFalse();
    }

    @Test
    void flagsAboveEightBitsTravelInIfaFlags() throws Exception {
        IfAddress a = new IfAddress(3, InetAddress.getByName("198.18.0.1"), 32, 0, IfAddrH.IFA_F_NOPREFIXROUTE | IfAddrH.IFA_F_NODAD);

        IfAddress decoded = RtnlCodec.address(new NlMessage(RtnetlinkH.RTM_NEWADDR, 0, 1, 1, RtnlCodec.address(a)));

        assertThat(decoded).isEqualTo(a);
    }

    @Test
    void addressesRoundTrip() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            boolean v6 = random.nextBoolean();
            byte[] raw = new byte[v6 ? 16 : 4];
            random.nextBytes(raw);
            InetAddress ip = v6 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
            IfAddress a = new IfAddress(1 + random.nextInt(1000), ip, random.nextInt(v6 ? 129 : 33), random.nextInt(256),
                    random.nextInt(0x1000));

            assertThat(RtnlCodec.address(new NlMessage(RtnetlinkH.RTM_NEWADDR, 0, 1, 1, RtnlCodec.address(a)))).isEqualTo(a);
        }
    }

    @Test
    void ipv4MappedIpv6StaysIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 198, 18, 0, 1};
        IfAddress a = new IfAddress(2, Inet6Address.getByAddress(null, mapped, -1), 128, 0, 0);

        IfAddress decoded = RtnlCodec.address(new NlMessage(RtnetlinkH.RTM_NEWADDR, 0, 1, 1, RtnlCodec.address(a)));

        assertThat(decoded.ipv6()).isTrue();
        assertThat(decoded.prefix()).isEqualTo(128);
    }

    @Test
    void otherFamiliesAreSkipped() throws Exception {
        byte[] payload = new byte[IfAddrH.IFADDRMSG_SIZE];
        payload[0] = (byte) SocketH.AF_PACKET;

        assertThat(RtnlCodec.address(new NlMessage(RtnetlinkH.RTM_NEWADDR, 0, 1, 1, payload))).isNull();
    }

    @Test
    void wrongAddressLengthNamesTheAttribute() {
        byte[] header = {(byte) SocketH.AF_INET, 32, 0, 0, 1, 0, 0, 0};
        byte[] payload = AttrWriter.withHeader(nativeIndex(header)).bytes(IfAddrH.IFA_LOCAL, new byte[16]).toBytes();

        assertThatThrownBy(() -> RtnlCodec.address(new NlMessage(RtnetlinkH.RTM_NEWADDR, 0, 1, 1, payload)))
                .isInstanceOf(NetlinkProtocolException.class).hasMessage("netlink: IFA_LOCAL(2): length 16 (expected: 4)");
    }

    @Test
    void linkIsDecodedFromIfinfomsgAndAttributes() throws Exception {
        byte[] payload = RtnlCodec.ifinfomsg(SocketH.AF_UNSPEC, 5, 0x1043, 0).string(IfLinkH.IFLA_IFNAME, "eth0")
                .bytes(IfLinkH.IFLA_ADDRESS, new byte[] {2, 0, 0x5e, 0x10, 0, 1}).u32(IfLinkH.IFLA_MTU, 1500).toBytes();

        Link link = RtnlCodec.link(new NlMessage(RtnetlinkH.RTM_NEWLINK, 0, 1, 1, payload));

        assertThat(link).isEqualTo(new Link(5, "eth0", new byte[] {2, 0, 0x5e, 0x10, 0, 1}, 0x1043));
        assertThat(link.macText()).isEqualTo("02:00:5e:10:00:01");
        assertThat(link.up()).isTrue();
    }

    @Test
    void linkWithoutNameIsAProtocolError() {
        byte[] payload = RtnlCodec.ifinfomsg(SocketH.AF_UNSPEC, 5, 0, 0).toBytes();

        assertThatThrownBy(() -> RtnlCodec.link(new NlMessage(RtnetlinkH.RTM_NEWLINK, 0, 1, 1, payload)))
                .isInstanceOf(NetlinkProtocolException.class).hasMessage("netlink: RTM_NEWLINK index 5: no IFLA_IFNAME");
    }

    @Test
    void randomPayloadsRaiseOnlyProtocolErrors() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] payload = new byte[random.nextInt(48)];
            random.nextBytes(payload);
            if (payload.length > 0 && random.nextBoolean()) {
                payload[0] = (byte) (random.nextBoolean() ? SocketH.AF_INET : SocketH.AF_INET6);
            }
            NlMessage m = new NlMessage(RtnetlinkH.RTM_NEWADDR, 0, 1, 1, payload);
            for (Throwable t : new Throwable[] {catchThrowable(() -> RtnlCodec.address(m)), catchThrowable(() -> RtnlCodec.link(m))}) {
                if (t != null) {
                    assertThat(t).isInstanceOf(NetlinkProtocolException.class);
                }
            }
        }
    }

    private static byte[] nativeIndex(byte[] header) {
        ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).putInt(4, 1);
        return header;
    }
}
