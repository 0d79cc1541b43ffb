package io.slb.dataplane.ipvs;

import static io.slb.netlink.uapi.IpVsH.*;

import io.slb.core.ForwardMethod;
import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.genl.GenlMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * IpvsCodec turns IPVS operations into generic netlink attributes and kernel replies back into
 * values. Pure and thread safe. Every wire quirk of {@code ip_vs.h} lives here and nowhere else: ports
 * are {@code __be16} while other integers are native; flags are {@code struct ip_vs_flags} (flags, then
 * a mask); an IPv4 persistence netmask is a {@code __be32} mask, an IPv6 one a prefix length; addresses
 * travel in a 16-byte {@code union nf_inet_addr} of which INET uses the first 4; a destination without
 * IPVS_DEST_ATTR_ADDR_FAMILY (kernels before 3.18) has its service's family; the kernel reports its
 * own IP_VS_SVC_F_HASHED bookkeeping flag, which is not configuration. Decoding throws
 * {@link NetlinkProtocolException} naming the bad attribute.
 */
final class IpvsCodec {
    /** FLAGS_MASK_ALL: the mask sent with service flags, so the kernel sets every flag as given. */
    private static final int FLAGS_MASK_ALL = 0xFFFFFFFF;

    private IpvsCodec() {}

    /** Returns the command that performs {@code op}. */
    static int command(IpvsOp op) {
        if (op instanceof IpvsOp.AddService) {
            return IPVS_CMD_NEW_SERVICE;
        } else if (op instanceof IpvsOp.EditService) {
            return IPVS_CMD_SET_SERVICE;
        } else if (op instanceof IpvsOp.DelService) {
            return IPVS_CMD_DEL_SERVICE;
        } else if (op instanceof IpvsOp.AddDestination) {
            return IPVS_CMD_NEW_DEST;
        } else if (op instanceof IpvsOp.EditDestination) {
            return IPVS_CMD_SET_DEST;
        } else if (op instanceof IpvsOp.DelDestination) {
            return IPVS_CMD_DEL_DEST;
        }
        throw new AssertionError("unhandled IpvsOp " + op);
    }

    /** Writes the attributes of {@code op}: the service, then for destination commands the destination. */
    static void pack(AttrWriter w, IpvsOp op) {
        if (op instanceof IpvsOp.AddService a) {
            w.nested(IPVS_CMD_ATTR_SERVICE, s -> packService(s, a.service()));
        } else if (op instanceof IpvsOp.EditService e) {
            w.nested(IPVS_CMD_ATTR_SERVICE, s -> packService(s, e.service()));
        } else if (op instanceof IpvsOp.DelService d) {
            w.nested(IPVS_CMD_ATTR_SERVICE, s -> packServiceKey(s, d.serviceKey()));
        } else if (op instanceof IpvsOp.AddDestination a) {
            packDestinationCommand(w, a.serviceKey(), a.destination());
        } else if (op instanceof IpvsOp.EditDestination e) {
            packDestinationCommand(w, e.serviceKey(), e.destination());
        } else if (op instanceof IpvsOp.DelDestination d) {
            packDestinationCommand(w, d.serviceKey(), d.destination());
        } else {
            throw new AssertionError("unhandled IpvsOp " + op);
        }
    }

    private static void packDestinationCommand(AttrWriter w, VirtualServiceKey key, Destination d) {
        w.nested(IPVS_CMD_ATTR_SERVICE, s -> packServiceKey(s, key));
        w.nested(IPVS_CMD_ATTR_DEST, dest -> packDestination(dest, d));
    }

    /** Writes the attributes that identify a service: family, then protocol, address and port, or the mark. */
    static void packServiceKey(AttrWriter w, VirtualServiceKey key) {
        w.u16(IPVS_SVC_ATTR_AF, key.family().code());
        if (key instanceof VirtualServiceKey.Tuple t) {
            w.u16(IPVS_SVC_ATTR_PROTOCOL, t.protocol().number());
            w.bytes(IPVS_SVC_ATTR_ADDR, t.address().getAddress());
            w.be16(IPVS_SVC_ATTR_PORT, t.port());
        } else if (key instanceof VirtualServiceKey.FwMark m) {
            w.u32(IPVS_SVC_ATTR_FWMARK, m.mark());
        }
    }

    /** Writes a whole service: its key, scheduler, flags, timeout and netmask (all four are required). */
    static void packService(AttrWriter w, VirtualService s) {
        packServiceKey(w, s.key());
        w.string(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        w.bytes(IPVS_SVC_ATTR_FLAGS, flags(s.flags()));
        w.u32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
        if (s.key().family() == AddressFamily.INET) {
            w.be32(IPVS_SVC_ATTR_NETMASK, ipv4Mask(s.netmask()));
        } else {
            w.u32(IPVS_SVC_ATTR_NETMASK, s.netmask());
        }
    }

    /** Writes a whole destination; the kernel needs address and port to find one, the rest to set it. */
    static void packDestination(AttrWriter w, Destination d) {
        w.bytes(IPVS_DEST_ATTR_ADDR, d.address().getAddress());
        w.be16(IPVS_DEST_ATTR_PORT, d.port());
        w.u32(IPVS_DEST_ATTR_FWD_METHOD, forwardCode(d.forwardMethod()));
        w.u32(IPVS_DEST_ATTR_WEIGHT, d.weight());
        w.u32(IPVS_DEST_ATTR_U_THRESH, d.upperThreshold());
        w.u32(IPVS_DEST_ATTR_L_THRESH, d.lowerThreshold());
        w.u16(IPVS_DEST_ATTR_ADDR_FAMILY, d.family().code());
    }

    /** Returns {@code struct ip_vs_flags}: the flags, then a mask that lets the kernel set all of them. */
    static byte[] flags(int flags) {
        return ByteBuffer.allocate(IP_VS_FLAGS_SIZE).order(ByteOrder.nativeOrder()).putInt(flags).putInt(FLAGS_MASK_ALL).array();
    }

    /** Returns the IPv4 mask of a prefix length, e.g. 24 → 0xFFFFFF00. */
    static int ipv4Mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (Integer.SIZE - prefix);
    }

    static int forwardCode(ForwardMethod method) {
        return switch (method) {
            case MASQ -> IP_VS_CONN_F_MASQ;
            case LOCAL -> IP_VS_CONN_F_LOCALNODE;
            case TUNNEL -> IP_VS_CONN_F_TUNNEL;
            case ROUTE -> IP_VS_CONN_F_DROUTE;
        };
    }

    /** Decodes the service in a reply to IPVS_CMD_GET_SERVICE. */
    static ServiceEntry service(GenlMessage reply) throws NetlinkProtocolException {
        return unpackService(nested(reply, IPVS_CMD_ATTR_SERVICE));
    }

    /** Decodes the destination in a reply to IPVS_CMD_GET_DEST of a service of {@code serviceFamily}. */
    static DestinationEntry destination(GenlMessage reply, AddressFamily serviceFamily) throws NetlinkProtocolException {
        return unpackDestination(nested(reply, IPVS_CMD_ATTR_DEST), serviceFamily);
    }

    private static AttrReader nested(GenlMessage reply, int type) throws NetlinkProtocolException {
        AttrReader r = reply.attributes(IpvsNames.CMD_ATTRS);
        while (r.next()) {
            if (r.type() == type) {
                return r.nested(type == IPVS_CMD_ATTR_SERVICE ? IpvsNames.SVC_ATTRS : IpvsNames.DEST_ATTRS);
            }
        }
        throw new NetlinkProtocolException(IpvsNames.COMMANDS.apply(reply.header().cmd()) + ": no "
                + IpvsNames.CMD_ATTRS.apply(type));
    }

    /** Decodes the attributes of IPVS_CMD_ATTR_SERVICE. */
    static ServiceEntry unpackService(AttrReader r) throws NetlinkProtocolException {
        ServiceFields f = new ServiceFields();
        while (r.next()) {
            switch (r.type()) {
                case IPVS_SVC_ATTR_AF -> f.family = family(r, r.u16());
                case IPVS_SVC_ATTR_PROTOCOL -> f.protocol = r.u16();
                case IPVS_SVC_ATTR_ADDR -> f.address = r.bytes();
                case IPVS_SVC_ATTR_PORT -> f.port = r.be16();
                case IPVS_SVC_ATTR_FWMARK -> f.fwmark = r.u32();
                case IPVS_SVC_ATTR_SCHED_NAME -> f.scheduler = r.string();
                case IPVS_SVC_ATTR_FLAGS -> f.flags = ByteBuffer.wrap(r.bytes(IP_VS_FLAGS_SIZE)).order(ByteOrder.nativeOrder()).getInt();
                case IPVS_SVC_ATTR_TIMEOUT -> f.timeout = r.u32();
                case IPVS_SVC_ATTR_NETMASK -> f.netmask = r.bytes(Integer.BYTES);
                case IPVS_SVC_ATTR_STATS64 -> f.stats = unpackStats(r.nested(IpvsNames.STATS_ATTRS));
                default -> { }
            }
        }
        return f.toEntry(r);
    }

    /** ServiceFields collects a service's attributes in whatever order they come. */
    private static final class ServiceFields {
        @Nullable AddressFamily family;
        int protocol;
        byte @Nullable [] address;
        int port;
        int fwmark;
        @Nullable String scheduler;
        int flags;
        int timeout;
        byte @Nullable [] netmask;
        IpvsStats stats = IpvsStats.ZERO;

        ServiceEntry toEntry(AttrReader r) throws NetlinkProtocolException {
            if (family == null || scheduler == null || netmask == null) {
                throw new NetlinkProtocolException("IPVS_CMD_ATTR_SERVICE: missing "
                        + (family == null ? "IPVS_SVC_ATTR_AF" : scheduler == null ? "IPVS_SVC_ATTR_SCHED_NAME" : "IPVS_SVC_ATTR_NETMASK"));
            }
            VirtualServiceKey key;
            try {
                if (fwmark != 0) {
                    key = new VirtualServiceKey.FwMark(family, fwmark);
                } else if (address == null) {
                    throw new NetlinkProtocolException("IPVS_CMD_ATTR_SERVICE: neither IPVS_SVC_ATTR_FWMARK nor IPVS_SVC_ATTR_ADDR");
                } else {
                    key = new VirtualServiceKey.Tuple(family, IpProtocol.ofNumber(protocol), address(address, family), port);
                }
                return new ServiceEntry(new VirtualService(key, scheduler, flags & ~IP_VS_SVC_F_HASHED, timeout,
                        prefix(family, netmask)), stats);
            } catch (IllegalArgumentException e) {
                throw new NetlinkProtocolException("IPVS_CMD_ATTR_SERVICE: " + e.getMessage());
            }
        }
    }

    /** Decodes the attributes of IPVS_CMD_ATTR_DEST; {@code serviceFamily} applies when the kernel sends no family. */
    static DestinationEntry unpackDestination(AttrReader r, AddressFamily serviceFamily) throws NetlinkProtocolException {
        AddressFamily family = serviceFamily;
        byte[] address = null;
        int port = 0;
        ForwardMethod forward = null;
        int[] counts = new int[IPVS_DEST_ATTR_PERSIST_CONNS + 1];
        IpvsStats stats = IpvsStats.ZERO;
        while (r.next()) {
            switch (r.type()) {
                case IPVS_DEST_ATTR_ADDR -> address = r.bytes();
                case IPVS_DEST_ATTR_PORT -> port = r.be16();
                case IPVS_DEST_ATTR_FWD_METHOD -> forward = forwardMethod(r, r.u32() & IP_VS_CONN_F_FWD_MASK);
                case IPVS_DEST_ATTR_WEIGHT, IPVS_DEST_ATTR_U_THRESH, IPVS_DEST_ATTR_L_THRESH, IPVS_DEST_ATTR_ACTIVE_CONNS,
                        IPVS_DEST_ATTR_INACT_CONNS, IPVS_DEST_ATTR_PERSIST_CONNS -> counts[r.type()] = r.u32();
                case IPVS_DEST_ATTR_ADDR_FAMILY -> family = family(r, r.u16());
                case IPVS_DEST_ATTR_STATS64 -> stats = unpackStats(r.nested(IpvsNames.STATS_ATTRS));
                default -> { }
            }
        }
        if (address == null || forward == null) {
            throw new NetlinkProtocolException("IPVS_CMD_ATTR_DEST: missing "
                    + (address == null ? "IPVS_DEST_ATTR_ADDR" : "IPVS_DEST_ATTR_FWD_METHOD"));
        }
        try {
            Destination d = new Destination(address(address, family), port, forward, counts[IPVS_DEST_ATTR_WEIGHT],
                    counts[IPVS_DEST_ATTR_U_THRESH], counts[IPVS_DEST_ATTR_L_THRESH], family);
            return new DestinationEntry(d, counts[IPVS_DEST_ATTR_ACTIVE_CONNS], counts[IPVS_DEST_ATTR_INACT_CONNS],
                    counts[IPVS_DEST_ATTR_PERSIST_CONNS], stats);
        } catch (IllegalArgumentException e) {
            throw new NetlinkProtocolException("IPVS_CMD_ATTR_DEST: " + e.getMessage());
        }
    }

    private static IpvsStats unpackStats(AttrReader r) throws NetlinkProtocolException {
        long[] v = new long[IPVS_STATS_ATTR_OUTBYTES + 1];
        while (r.next()) {
            if (r.type() >= IPVS_STATS_ATTR_CONNS && r.type() <= IPVS_STATS_ATTR_OUTBYTES) {
                v[r.type()] = r.u64();
            }
        }
        return new IpvsStats(v[IPVS_STATS_ATTR_CONNS], v[IPVS_STATS_ATTR_INPKTS], v[IPVS_STATS_ATTR_OUTPKTS],
                v[IPVS_STATS_ATTR_INBYTES], v[IPVS_STATS_ATTR_OUTBYTES]);
    }

    /** Returns the address in {@code raw}: 4 or 16 bytes, of which INET uses the first 4. */
    static InetAddress address(byte[] raw, AddressFamily family) {
        if (raw.length != AddressFamily.INET.addressLength() && raw.length != AddressFamily.INET6.addressLength()
                || raw.length < family.addressLength()) {
            throw new IllegalArgumentException("address: " + raw.length + " bytes (expected: 4 or 16 for " + family + ")");
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(raw, family.addressLength()));
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4- or 16-byte address is always valid", e);
        }
    }

    /** Returns the prefix length of a wire netmask: a contiguous IPv4 mask, or an IPv6 prefix length. */
    static int prefix(AddressFamily family, byte[] netmask) {
        if (family == AddressFamily.INET6) {
            return ByteBuffer.wrap(netmask).order(ByteOrder.nativeOrder()).getInt();
        }
        int mask = ByteBuffer.wrap(netmask).order(ByteOrder.BIG_ENDIAN).getInt();
        int prefix = Integer.bitCount(mask);
        if (ipv4Mask(prefix) != mask) {
            throw new IllegalArgumentException("netmask: 0x" + Integer.toHexString(mask) + " (expected: a contiguous mask)");
        }
        return prefix;
    }

    private static AddressFamily family(AttrReader r, int code) throws NetlinkProtocolException {
        try {
            return AddressFamily.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }

    private static ForwardMethod forwardMethod(AttrReader r, int code) throws NetlinkProtocolException {
        return switch (code) {
            case IP_VS_CONN_F_MASQ -> ForwardMethod.MASQ;
            case IP_VS_CONN_F_LOCALNODE -> ForwardMethod.LOCAL;
            case IP_VS_CONN_F_TUNNEL -> ForwardMethod.TUNNEL;
            case IP_VS_CONN_F_DROUTE -> ForwardMethod.ROUTE;
            default -> throw r.error("forwarding method " + code + " (expected: 0 (masq), 1 (local), 2 (tunnel), 3 (route))");
        };
    }
}
