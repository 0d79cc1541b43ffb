package io.slb.netlink.rtnl;

import static io.slb.netlink.uapi.IfAddrH.IFADDRMSG_SIZE;
import static io.slb.netlink.uapi.IfAddrH.IFA_ADDRESS;
import static io.slb.netlink.uapi.IfAddrH.IFA_FLAGS;
import static io.slb.netlink.uapi.IfAddrH.IFA_LOCAL;
import static io.slb.netlink.uapi.IfLinkH.IFLA_ADDRESS;
import static io.slb.netlink.uapi.IfLinkH.IFLA_IFNAME;
import static io.slb.netlink.uapi.RtnetlinkH.IFINFOMSG_SIZE;
import static io.slb.netlink.uapi.SocketH.AF_INET;
import static io.slb.netlink.uapi.SocketH.AF_INET6;

import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NlMessage;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * RtnlCodec holds the rtnetlink wire layouts slb uses: {@code struct ifinfomsg} with IFLA_* attributes
 * and {@code struct ifaddrmsg} with IFA_* attributes. Pure functions; decoders throw only
 * NetlinkProtocolException.
 */
final class RtnlCodec {
    private static final int IPV4_LEN = 4;
    private static final int IPV6_LEN = 16;
    /** A negative scope id makes an Inet6Address without one. */
    private static final int NO_SCOPE_ID = -1;
    /** ifa_flags is a u8; higher IFA_F_* bits travel in IFA_FLAGS. */
    private static final int IFA_FLAGS_IN_HEADER = 0xFF;

    private RtnlCodec() {}

    /** Returns a {@code struct ifinfomsg} followed by {@code attrs}' attributes. */
    static AttrWriter ifinfomsg(int family, int index, int flags, int change) {
        ByteBuffer b = ByteBuffer.allocate(IFINFOMSG_SIZE).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return AttrWriter.withHeader(b.array());
    }

    /** Returns the {@code struct ifaddrmsg} plus IFA_LOCAL and IFA_ADDRESS (and IFA_FLAGS if needed) for {@code a}. */
    static byte[] address(IfAddress a) {
        byte[] raw = a.address().getAddress();
        ByteBuffer b = ByteBuffer.allocate(IFADDRMSG_SIZE).order(ByteOrder.nativeOrder());
        b.put((byte) (a.ipv6() ? AF_INET6 : AF_INET)).put((byte) a.prefix()).put((byte) (a.flags() & IFA_FLAGS_IN_HEADER))
                .put((byte) a.scope()).putInt(a.ifindex());
        AttrWriter w = AttrWriter.withHeader(b.array()).bytes(IFA_LOCAL, raw).bytes(IFA_ADDRESS, raw);
        if ((a.flags() & ~IFA_FLAGS_IN_HEADER) != 0) {
            w.u32(IFA_FLAGS, a.flags());
        }
        return w.toBytes();
    }

    /** Decodes an RTM_NEWLINK message. */
    static Link link(NlMessage m) throws NetlinkProtocolException {
        AttrReader r = m.attributes(IFINFOMSG_SIZE, RtnlCodec::iflaName);
        ByteBuffer p = m.payloadBuffer();
        int index = p.getInt(4);
        int flags = p.getInt(8);
        String name = null;
        byte[] mac = new byte[0];
        while (r.next()) {
            switch (r.type()) {
                case IFLA_IFNAME -> name = r.string();
                case IFLA_ADDRESS -> mac = r.bytes();
                default -> { }
            }
        }
        if (name == null) {
            throw new NetlinkProtocolException("RTM_NEWLINK index " + index + ": no IFLA_IFNAME");
        }
        return new Link(index, name, mac, flags);
    }

    /** Decodes an RTM_NEWADDR message, or returns null for a family other than AF_INET and AF_INET6. */
    static @Nullable IfAddress address(NlMessage m) throws NetlinkProtocolException {
        AttrReader r = m.attributes(IFADDRMSG_SIZE, RtnlCodec::ifaName);
        ByteBuffer p = m.payloadBuffer();
        int family = p.get(0) & 0xFF;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int length = family == AF_INET ? IPV4_LEN : IPV6_LEN;
        int prefix = p.get(1) & 0xFF;
        int flags = p.get(2) & 0xFF;
        int scope = p.get(3) & 0xFF;
        int index = p.getInt(4);
        byte[] local = null;
        byte[] address = null;
        while (r.next()) {
            switch (r.type()) {
                case IFA_LOCAL -> local = r.bytes(length);
                case IFA_ADDRESS -> address = r.bytes(length);
                case IFA_FLAGS -> flags = r.u32();
                default -> { }
            }
        }
        byte[] raw = local != null ? local : address;
        if (raw == null) {
            throw new NetlinkProtocolException("RTM_NEWADDR ifindex " + index + ": no IFA_LOCAL or IFA_ADDRESS");
        }
        if (index <= 0 || prefix > length * Byte.SIZE) {
            throw new NetlinkProtocolException("RTM_NEWADDR: ifindex " + Integer.toUnsignedString(index) + " prefix " + prefix
                    + " (expected: ifindex > 0, prefix 0.." + length * Byte.SIZE + ")");
        }
        try {
            // NB: Inet6Address keeps ::ffff:a.b.c.d an IPv6 address; InetAddress.getByAddress would not.
            InetAddress ip = family == AF_INET ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, NO_SCOPE_ID);
            return new IfAddress(index, ip, prefix, scope, flags);
        } catch (UnknownHostException e) {
            throw new AssertionError("InetAddress refused " + raw.length + " bytes", e);
        }
    }

    static String iflaName(int type) {
        return switch (type) {
            case IFLA_ADDRESS -> "IFLA_ADDRESS";
            case IFLA_IFNAME -> "IFLA_IFNAME";
            default -> "IFLA";
        };
    }

    static String ifaName(int type) {
        return switch (type) {
            case IFA_ADDRESS -> "IFA_ADDRESS";
            case IFA_LOCAL -> "IFA_LOCAL";
            case IFA_FLAGS -> "IFA_FLAGS";
            default -> "IFA";
        };
    }
}
