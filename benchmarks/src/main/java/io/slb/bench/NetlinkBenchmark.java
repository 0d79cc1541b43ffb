package io.slb.bench;

import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NlMessage;
import io.slb.netlink.uapi.GenetlinkH;
import io.slb.netlink.uapi.NetlinkH;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * NetlinkBenchmark measures slb's netlink codec ({@link AttrWriter}, {@link NlMessage}, {@link AttrReader})
 * on the message the IPVS data plane sends most: {@code IPVS_CMD_NEW_DEST}, a generic netlink header, a
 * nested service (address family, protocol, address, port) and a nested destination (address, port,
 * forwarding method, weight, thresholds, family). Encoding builds one such request; decoding takes a
 * datagram of {@code messages} of them, as a destination dump returns, and reads every attribute.
 * No socket: the kernel's cost is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class NetlinkBenchmark {
    // Attribute and command numbers from Linux include/uapi/linux/ip_vs.h (enums, counted from 0).
    private static final int IPVS_GENL_VERSION = 1;
    private static final int IPVS_CMD_NEW_DEST = 5;
    private static final int IPVS_CMD_ATTR_SERVICE = 1;
    private static final int IPVS_CMD_ATTR_DEST = 2;
    private static final int IPVS_SVC_ATTR_AF = 1;
    private static final int IPVS_SVC_ATTR_PROTOCOL = 2;
    private static final int IPVS_SVC_ATTR_ADDR = 3;
    private static final int IPVS_SVC_ATTR_PORT = 4;
    private static final int IPVS_DEST_ATTR_ADDR = 1;
    private static final int IPVS_DEST_ATTR_PORT = 2;
    private static final int IPVS_DEST_ATTR_FWD_METHOD = 3;
    private static final int IPVS_DEST_ATTR_WEIGHT = 4;
    private static final int IPVS_DEST_ATTR_U_THRESH = 5;
    private static final int IPVS_DEST_ATTR_L_THRESH = 6;
    private static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11;
    /** IP_VS_CONN_F_MASQ: NAT. */
    private static final int IP_VS_CONN_F_MASQ = 0;
    /** ipvs addresses are always 16 bytes (union nf_inet_addr), IPv4 in the first 4. */
    private static final int NF_INET_ADDR_BYTES = 16;
    private static final int AF_INET = 2;
    private static final int IPPROTO_TCP = 6;
    /** A typical dynamic generic netlink family id; the kernel assigns the real one. */
    private static final int FAMILY_ID = 0x24;

    @Param({"100"})
    public int messages;

    private ByteBuffer datagram;
    private int seq;

    @Setup
    public void setUp() {
        ByteBuffer all = ByteBuffer.allocate(messages * newDest(0).encodedLength());
        for (int i = 0; i < messages; i++) {
            newDest(i).encodeTo(all);
        }
        datagram = all.flip().asReadOnlyBuffer();
    }

    private static NlMessage newDest(int n) {
        byte[] genl = {(byte) IPVS_CMD_NEW_DEST, (byte) IPVS_GENL_VERSION, 0, 0};
        byte[] vip = address(Fixtures.vip(0).getAddress());
        byte[] backend = address(Fixtures.backend(n).ip().getAddress());
        byte[] payload = AttrWriter.withHeader(genl)
                .nested(IPVS_CMD_ATTR_SERVICE, s -> s.u16(IPVS_SVC_ATTR_AF, AF_INET)
                        .u16(IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP)
                        .bytes(IPVS_SVC_ATTR_ADDR, vip)
                        .be16(IPVS_SVC_ATTR_PORT, Fixtures.SERVICE_PORT))
                .nested(IPVS_CMD_ATTR_DEST, d -> d.bytes(IPVS_DEST_ATTR_ADDR, backend)
                        .be16(IPVS_DEST_ATTR_PORT, Fixtures.BACKEND_PORT)
                        .u32(IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_MASQ)
                        .u32(IPVS_DEST_ATTR_WEIGHT, 1)
                        .u32(IPVS_DEST_ATTR_U_THRESH, 0)
                        .u32(IPVS_DEST_ATTR_L_THRESH, 0)
                        .u16(IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET))
                .toBytes();
        return new NlMessage(FAMILY_ID, NetlinkH.NLM_F_REQUEST | NetlinkH.NLM_F_ACK, n, 0, payload);
    }

    private static byte[] address(byte[] ipv4) {
        byte[] out = new byte[NF_INET_ADDR_BYTES];
        System.arraycopy(ipv4, 0, out, 0, ipv4.length);
        return out;
    }

    /** One IPVS_CMD_NEW_DEST request, attributes to bytes on the wire. */
    @Benchmark
    public byte[] encodeNewDest() {
        return newDest(seq++ & Integer.MAX_VALUE).encode();
    }

    /** A datagram of {@code messages} destinations: split into messages, every attribute read. */
    @Benchmark
    public long decodeDestinations() throws NetlinkProtocolException {
        List<NlMessage> all = NlMessage.decodeAll(datagram);
        long sum = 0;
        for (NlMessage m : all) {
            AttrReader top = m.attributes(GenetlinkH.GENL_HDRLEN, AttrReader.UNNAMED);
            while (top.next()) {
                AttrReader inner = top.nested(AttrReader.UNNAMED);
                while (inner.next()) {
                    sum += readAny(inner);
                }
            }
        }
        return sum;
    }

    private static long readAny(AttrReader a) throws NetlinkProtocolException {
        return switch (a.length()) {
            case Short.BYTES -> a.u16();
            case Integer.BYTES -> a.u32();
            default -> a.bytes().length;
        };
    }
}
