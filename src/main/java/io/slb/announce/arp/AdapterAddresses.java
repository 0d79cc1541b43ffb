package io.slb.announce.arp;

import io.slb.netlink.AttrReader;
import io.slb.netlink.AttrWriter;
import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.NlMessage;
import io.slb.netlink.NlRequest;
import io.slb.netlink.uapi.NetlinkH;
import io.slb.sys.Errno;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * AdapterAddresses puts host addresses (/32, /128) on one adapter and takes them off over rtnetlink,
 * as {@code ip addr add|del <vip>/32 dev <adapter>} does. Both calls are idempotent and say whether
 * they changed anything. Belongs to the network namespace of the thread that called {@link #open}.
 * Not thread safe: {@link ArpAnnouncer} calls it from its one sender thread.
 */
final class AdapterAddresses implements AutoCloseable {
    /** {@code RTM_NEWADDR}, {@code RTM_DELADDR}, {@code RTM_GETADDR} from {@code include/uapi/linux/rtnetlink.h}. */
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    /** {@code sizeof(struct ifaddrmsg)} ({@code include/uapi/linux/if_addr.h}): u8 family, prefixlen, flags, scope; u32 index. */
    static final int IFADDRMSG_SIZE = 8;
    /** {@code IFA_ADDRESS}, {@code IFA_LOCAL}, {@code IFA_FLAGS} from {@code include/uapi/linux/if_addr.h}. */
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_FLAGS = 8;
    /** {@code IFA_F_NODAD}: the VIP is usable at once; IPv6 duplicate address detection would hold it back ~1 s. */
    static final int IFA_F_NODAD = 0x02;
    /** {@code AF_INET}, {@code AF_INET6} from {@code include/linux/socket.h}. */
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int IPV4_HOST_PREFIX = 32;
    private static final int IPV6_HOST_PREFIX = 128;
    private static final IntFunction<String> NAMES = type -> switch (type) {
        case IFA_ADDRESS -> "IFA_ADDRESS";
        case IFA_LOCAL -> "IFA_LOCAL";
        case IFA_FLAGS -> "IFA_FLAGS";
        default -> "IFA_" + type;
    };

    private final String adapter;
    private final int ifindex;
    private final NetlinkSocket rtnl;

    private AdapterAddresses(String adapter, int ifindex, NetlinkSocket rtnl) {
        this.adapter = adapter;
        this.ifindex = ifindex;
        this.rtnl = rtnl;
    }

    /** Opens an rtnetlink socket for the adapter with index {@code ifindex}. */
    static AdapterAddresses open(String adapter, int ifindex) throws NetlinkErrnoException {
        return new AdapterAddresses(adapter, ifindex, NetlinkSocket.open(NetlinkH.NETLINK_ROUTE));
    }

    /**
     * Adds {@code vip} as a host address; returns false if it was there already (EEXIST).
     *
     * @throws NetlinkException if the kernel refuses for another reason (EPERM, ENODEV …)
     */
    boolean ensure(InetAddress vip) throws NetlinkException {
        try {
            rtnl.execute(NlRequest.of("RTM_NEWADDR " + describe(vip), RTM_NEWADDR,
                    NetlinkH.NLM_F_CREATE | NetlinkH.NLM_F_EXCL, request(vip)));
            return true;
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == Errno.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Removes the host address {@code vip}; returns false if it was not there (EADDRNOTAVAIL).
     *
     * @throws NetlinkException if the kernel refuses for another reason
     */
    boolean remove(InetAddress vip) throws NetlinkException {
        try {
            rtnl.execute(NlRequest.of("RTM_DELADDR " + describe(vip), RTM_DELADDR, 0, request(vip)));
            return true;
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == Errno.EADDRNOTAVAIL) {
                return false;
            }
            throw e;
        }
    }

    /** Returns the host addresses (/32 and /128) the adapter holds now, in the kernel's order. */
    Set<InetAddress> hostAddresses() throws NetlinkException {
        Set<InetAddress> found = new LinkedHashSet<>();
        for (NlMessage reply : rtnl.execute(NlRequest.dump("RTM_GETADDR " + adapter, RTM_GETADDR, ifaddrmsg(0, 0, 0)))) {
            ByteBuffer header = reply.payloadBuffer();
            int family = Byte.toUnsignedInt(header.get(0));
            int prefix = Byte.toUnsignedInt(header.get(1));
            boolean host = family == AF_INET ? prefix == IPV4_HOST_PREFIX : family == AF_INET6 && prefix == IPV6_HOST_PREFIX;
            if (host && header.getInt(4) == ifindex) {
                InetAddress address = address(reply.attributes(IFADDRMSG_SIZE, NAMES), family);
                if (address != null) {
                    found.add(address);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        rtnl.close();
    }

    /** IFA_LOCAL is the interface's own address (IFA_ADDRESS is the peer's on point-to-point links); IPv6 sends only IFA_ADDRESS. */
    private static @Nullable InetAddress address(AttrReader attributes, int family) throws NetlinkException {
        int length = family == AF_INET ? 4 : 16;
        byte @Nullable [] local = null;
        byte @Nullable [] address = null;
        while (attributes.next()) {
            if (attributes.type() == IFA_LOCAL) {
                local = attributes.bytes(length);
            } else if (attributes.type() == IFA_ADDRESS) {
                address = attributes.bytes(length);
            }
        }
        byte @Nullable [] chosen = local != null ? local : address;
        if (chosen == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(chosen);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 octets are always an address", e);
        }
    }

    private byte[] request(InetAddress vip) {
        boolean v4 = vip instanceof Inet4Address;
        int flags = v4 ? 0 : IFA_F_NODAD;
        return AttrWriter.withHeader(ifaddrmsg(v4 ? AF_INET : AF_INET6, v4 ? IPV4_HOST_PREFIX : IPV6_HOST_PREFIX, flags))
                .bytes(IFA_LOCAL, vip.getAddress())
                .bytes(IFA_ADDRESS, vip.getAddress())
                .u32(IFA_FLAGS, flags)
                .toBytes();
    }

    private byte[] ifaddrmsg(int family, int prefix, int flags) {
        return ByteBuffer.allocate(IFADDRMSG_SIZE).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) prefix).put((byte) flags).put((byte) 0).putInt(ifindex)
                .array();
    }

    private String describe(InetAddress vip) {
        return vip.getHostAddress() + "/" + (vip instanceof Inet4Address ? IPV4_HOST_PREFIX : IPV6_HOST_PREFIX) + " dev " + adapter;
    }
}
