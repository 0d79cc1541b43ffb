package io.slb.dataplane.ipvs;

import static io.slb.dataplane.ipvs.IpvsClientKernelTest.ip;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_DEL_DEST;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_DEL_SERVICE;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_NEW_DEST;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_NEW_SERVICE;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_SET_DEST;
import static io.slb.netlink.uapi.IpVsH.IPVS_CMD_SET_SERVICE;
import static io.slb.netlink.uapi.IpVsH.IPVS_DEST_ATTR_ADDR;
import static io.slb.netlink.uapi.IpVsH.IPVS_DEST_ATTR_FWD_METHOD;
import static io.slb.netlink.uapi.IpVsH.IPVS_DEST_ATTR_PORT;
import static io.slb.netlink.uapi.IpVsH.IPVS_DEST_ATTR_WEIGHT;
import static io.slb.netlink.uapi.IpVsH.IP_VS_SVC_F_PERSISTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slb.core.ForwardMethod;
import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkProtocolException;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IpvsCodecTest pins the attribute bytes of each IPVS command (x86-64, little-endian), derived by
 * hand from include/uapi/linux/ip_vs.h and accepted by the real kernel in IpvsClientKernelTest.
 */
class IpvsCodecTest {
    private static final VirtualServiceKey TCP4 = VirtualServiceKey.Tuple.of(IpProtocol.TCP, ip("10.0.0.1"), 80);
    private static final Destination MASQ = Destination.of(ip("10.200.0.2"), 8080, ForwardMethod.MASQ, 3);

    @BeforeAll
    static void littleEndian() {
        assertThat(ByteOrder.nativeOrder()).as("pinned bytes are x86-64's").isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void addServiceSendsKeySchedulerFlagsWithMaskTimeoutAndIpv4Mask() {
        assertThat(hex(new IpvsOp.AddService(VirtualService.of(TCP4, "rr")))).isEqualTo(
                "48000180" // IPVS_CMD_ATTR_SERVICE, NLA_F_NESTED, 72 bytes
                        + "0600010002000000" // IPVS_SVC_ATTR_AF: AF_INET
                        + "0600020006000000" // IPVS_SVC_ATTR_PROTOCOL: IPPROTO_TCP
                        + "080003000a000001" // IPVS_SVC_ATTR_ADDR: 10.0.0.1, 4 bytes for INET
                        + "0600040000500000" // IPVS_SVC_ATTR_PORT: 80 as __be16
                        + "0700060072720000" // IPVS_SVC_ATTR_SCHED_NAME: "rr\0"
                        + "0c00070000000000ffffffff" // IPVS_SVC_ATTR_FLAGS: flags 0, mask all
                        + "0800080000000000" // IPVS_SVC_ATTR_TIMEOUT: 0
                        + "08000900ffffffff"); // IPVS_SVC_ATTR_NETMASK: 255.255.255.255 as __be32
    }

    @Test
    void ipv6PersistentServiceSendsItsNetmaskAsAPrefixLength() {
        VirtualServiceKey key = VirtualServiceKey.Tuple.of(IpProtocol.UDP, ip("fd00::1"), 53);
        VirtualService service = new VirtualService(key, "wlc", 0, 0, 64).persistent(300);

        assertThat(hex(new IpvsOp.EditService(service))).isEqualTo("54000180"
                + "060001000a000000" // AF_INET6
                + "0600020011000000" // IPPROTO_UDP
                + "14000300fd000000000000000000000000000001" // 16-byte address
                + "0600040000350000" // port 53
                + "08000600776c6300" // "wlc\0"
                + "0c00070001000000ffffffff" // IP_VS_SVC_F_PERSISTENT, mask all
                + "080008002c010000" // timeout 300 s
                + "0800090040000000"); // prefix length 64, native u32
        assertThat(IpvsCodec.command(new IpvsOp.EditService(service))).isEqualTo(IPVS_CMD_SET_SERVICE);
        assertThat(service.flags()).isEqualTo(IP_VS_SVC_F_PERSISTENT);
    }

    @Test
    void deletingAServiceSendsOnlyItsKey() {
        assertThat(hex(new IpvsOp.DelService(TCP4))).isEqualTo(
                "24000180" + "0600010002000000" + "0600020006000000" + "080003000a000001" + "0600040000500000");
        assertThat(hex(new IpvsOp.DelService(new VirtualServiceKey.FwMark(AddressFamily.INET6, 7)))).isEqualTo(
                "14000180" + "060001000a000000" + "0800050007000000"); // AF_INET6, IPVS_SVC_ATTR_FWMARK 7
    }

    @Test
    void destinationCommandsSendTheServiceKeyThenTheWholeDestination() {
        String expected = "24000180" + "0600010002000000" + "0600020006000000" + "080003000a000001" + "0600040000500000"
                + "3c000280" // IPVS_CMD_ATTR_DEST, nested, 60 bytes
                + "080001000ac80002" // IPVS_DEST_ATTR_ADDR 10.200.0.2
                + "06000200" + "1f900000" // IPVS_DEST_ATTR_PORT 8080 as __be16
                + "0800030000000000" // IPVS_DEST_ATTR_FWD_METHOD IP_VS_CONN_F_MASQ
                + "0800040003000000" // IPVS_DEST_ATTR_WEIGHT 3
                + "0800050000000000" + "0800060000000000" // upper and lower thresholds 0
                + "06000b0002000000"; // IPVS_DEST_ATTR_ADDR_FAMILY AF_INET

        assertThat(hex(new IpvsOp.AddDestination(TCP4, MASQ))).isEqualTo(expected);
        assertThat(hex(new IpvsOp.DelDestination(TCP4, MASQ))).isEqualTo(expected);
        assertThat(List.of(new IpvsOp.AddDestination(TCP4, MASQ), new IpvsOp.EditDestination(TCP4, MASQ),
                new IpvsOp.DelDestination(TCP4, MASQ), new IpvsOp.AddService(VirtualService.of(TCP4, "rr")),
                new IpvsOp.DelService(TCP4)).stream().map(IpvsCodec::command))
                .containsExactly(IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST, IPVS_CMD_NEW_SERVICE, IPVS_CMD_DEL_SERVICE);
    }

    @Test
    void forwardMethodsUseTheConnectionFlagCodes() {
        assertThat(List.of(ForwardMethod.MASQ, ForwardMethod.LOCAL, ForwardMethod.TUNNEL, ForwardMethod.ROUTE).stream()
                .map(IpvsCodec::forwardCode)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void ipv4NetmasksAreContiguousMasks() {
        assertThat(IpvsCodec.ipv4Mask(32)).isEqualTo(0xFFFFFFFF);
        assertThat(IpvsCodec.ipv4Mask(24)).isEqualTo(0xFFFFFF00);
        assertThat(IpvsCodec.ipv4Mask(0)).isZero();
        assertThat(IpvsCodec.prefix(AddressFamily.INET, HexFormat.of().parseHex("ffff8000"))).isEqualTo(17);
        assertThatThrownBy(() -> IpvsCodec.prefix(AddressFamily.INET, HexFormat.of().parseHex("ff00ff00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("netmask: 0xff00ff00 (expected: a contiguous mask)");
    }

    @Test
    void aDestinationWithoutFamilyTakesItsServicesAndAnUnknownForwardMethodIsAnError() throws Exception {
        byte[] noFamily = new AttrWriter().bytes(IPVS_DEST_ATTR_ADDR, HexFormat.of().parseHex("fd000000000000000000000000000002"))
                .be16(IPVS_DEST_ATTR_PORT, 443).u32(IPVS_DEST_ATTR_FWD_METHOD, 3).u32(IPVS_DEST_ATTR_WEIGHT, 2).toBytes();
        assertThat(IpvsCodec.unpackDestination(AttrReader.of(noFamily, IpvsNames.DEST_ATTRS), AddressFamily.INET6).destination())
                .isEqualTo(Destination.of(ip("fd00::2"), 443, ForwardMethod.ROUTE, 2));

        byte[] bypass = new AttrWriter().bytes(IPVS_DEST_ATTR_ADDR, new byte[16]).u32(IPVS_DEST_ATTR_FWD_METHOD, 4).toBytes();
        assertThatThrownBy(() -> IpvsCodec.unpackDestination(AttrReader.of(bypass, IpvsNames.DEST_ATTRS), AddressFamily.INET))
                .isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("IPVS_DEST_ATTR_FWD_METHOD(3): forwarding method 4 (expected: 0 (masq), 1 (local), 2 (tunnel), 3 (route))");
    }

    @Test
    void everyServiceAndDestinationSurvivesPackThenUnpack() throws Exception {
        List<VirtualService> services = List.of(VirtualService.of(TCP4, "rr"),
                new VirtualService(VirtualServiceKey.Tuple.of(IpProtocol.SCTP, ip("fd00::9"), 9), "mh", 0x30, 0, 128),
                VirtualService.of(new VirtualServiceKey.FwMark(AddressFamily.INET, -1), "sh").persistent(1),
                new VirtualService(TCP4, "wlc", 0, 0, 8).persistent(86400));
        for (VirtualService s : services) {
            AttrWriter w = new AttrWriter();
            IpvsCodec.packService(w, s);
            assertThat(IpvsCodec.unpackService(AttrReader.of(w.toBytes(), IpvsNames.SVC_ATTRS)).service()).isEqualTo(s);
        }
        for (Destination d : List.of(MASQ, new Destination(ip("fd00::2"), 0, ForwardMethod.TUNNEL, 0, 9, 1, AddressFamily.INET6))) {
            AttrWriter w = new AttrWriter();
            IpvsCodec.packDestination(w, d);
            assertThat(IpvsCodec.unpackDestination(AttrReader.of(w.toBytes(), IpvsNames.DEST_ATTRS), AddressFamily.INET)
                    .destination()).isEqualTo(d);
        }
    }

    private static String hex(IpvsOp op) {
        AttrWriter w = new AttrWriter();
        IpvsCodec.pack(w, op);
        return HexFormat.of().formatHex(w.toBytes());
    }
}
