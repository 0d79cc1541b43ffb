package io.slb.netlink.rtnl;

import static io.slb.netlink.uapi.IfH.IFF_UP;
import static io.slb.netlink.uapi.IfLinkH.IFLA_IFNAME;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_CREATE;
import static io.slb.netlink.uapi.NetlinkH.NLM_F_EXCL;
import static io.slb.netlink.uapi.RtnetlinkH.RTM_DELADDR;
import static io.slb.netlink.uapi.RtnetlinkH.RTM_GETADDR;
import static io.slb.netlink.uapi.RtnetlinkH.RTM_GETLINK;
import static io.slb.netlink.uapi.RtnetlinkH.RTM_NEWADDR;
import static io.slb.netlink.uapi.RtnetlinkH.RTM_NEWLINK;
import static io.slb.netlink.uapi.SocketH.AF_UNSPEC;

import io.slb.netlink.NetlinkErrnoException;
import io.slb.netlink.NetlinkException;
import io.slb.netlink.NetlinkProtocolException;
import io.slb.netlink.NetlinkSocket;
import io.slb.netlink.NlMessage;
import io.slb.netlink.NlRequest;
import io.slb.netlink.uapi.IfAddrH;
import io.slb.netlink.uapi.NetlinkH;
import io.slb.sys.Errno;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jspecify.annotations.Nullable;

/**
 * RtnlConnection reads links and reads and writes interface addresses over a NETLINK_ROUTE socket, in
 * the network namespace the socket was opened in. Raw operations throw the kernel's refusal as a
 * NetlinkErrnoException (e.g. EEXIST from {@link #addAddress}); only {@link #ensureAddress} and
 * {@link #removeAddress} treat "already so" as success. NB: NOT thread safe, like its socket, which it
 * owns and closes.
 */
public final class RtnlConnection implements AutoCloseable {
    private static final Logger log = LogManager.getLogger();

    private final NetlinkSocket socket;

    private RtnlConnection(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a NETLINK_ROUTE socket in the calling thread's network namespace. */
    public static RtnlConnection open() throws NetlinkException {
        return new RtnlConnection(NetlinkSocket.open(NetlinkH.NETLINK_ROUTE));
    }

    /** Returns a connection over {@code socket} (a NETLINK_ROUTE one), which it then owns. */
    public static RtnlConnection over(NetlinkSocket socket) {
        return new RtnlConnection(socket);
    }

    /** Returns every link. Equivalent to: {@code ip link show}. */
    public List<Link> links() throws NetlinkException {
        List<NlMessage> replies = socket.execute(NlRequest.dump("RTM_GETLINK", RTM_GETLINK,
                RtnlCodec.ifinfomsg(AF_UNSPEC, 0, 0, 0).toBytes()));
        List<Link> links = new ArrayList<>(replies.size());
        for (NlMessage m : replies) {
            links.add(decode("RTM_GETLINK", m, () -> RtnlCodec.link(m)));
        }
        return links;
    }

    /** Returns the link named {@code name}, or empty if there is none. Equivalent to: {@code ip link show dev NAME}. */
    public Optional<Link> link(String name) throws NetlinkException {
        return getLink(RtnlCodec.ifinfomsg(AF_UNSPEC, 0, 0, 0).string(IFLA_IFNAME, name).toBytes());
    }

    /** Returns the link with index {@code ifindex}, or empty if there is none. */
    public Optional<Link> link(int ifindex) throws NetlinkException {
        return getLink(RtnlCodec.ifinfomsg(AF_UNSPEC, ifindex, 0, 0).toBytes());
    }

    /** Sets the link administratively up or down. Equivalent to: {@code ip link set dev X up|down}. */
    public void setUp(int ifindex, boolean up) throws NetlinkException {
        socket.execute(NlRequest.of("RTM_NEWLINK", RTM_NEWLINK, 0,
                RtnlCodec.ifinfomsg(AF_UNSPEC, ifindex, up ? IFF_UP : 0, IFF_UP).toBytes()));
        log.info("link {} set {}", ifindex, up ? "up" : "down");
    }

    /** Returns every IPv4 and IPv6 address. Equivalent to: {@code ip addr show}. */
    public List<IfAddress> addresses() throws NetlinkException {
        byte[] ifaddrmsg = new byte[IfAddrH.IFADDRMSG_SIZE];
        List<NlMessage> replies = socket.execute(NlRequest.dump("RTM_GETADDR", RTM_GETADDR, ifaddrmsg));
        List<IfAddress> addresses = new ArrayList<>(replies.size());
        for (NlMessage m : replies) {
            IfAddress a = decode("RTM_GETADDR", m, () -> RtnlCodec.address(m));
            if (a != null) {
                addresses.add(a);
            }
        }
        return addresses;
    }

    /** Returns the IPv4 and IPv6 addresses on {@code ifindex}. Equivalent to: {@code ip addr show dev X}. */
    public List<IfAddress> addresses(int ifindex) throws NetlinkException {
        return addresses().stream().filter(a -> a.ifindex() == ifindex).toList();
    }

    /**
     * Adds {@code address}; throws NetlinkErrnoException EEXIST if the interface already has it.
     * Equivalent to: {@code ip addr add A/P dev X [nodad]}.
     */
    public void addAddress(IfAddress address) throws NetlinkException {
        addAddresses(List.of(address));
    }

    /** Adds several addresses with one send (one RTM_NEWADDR each); throws the first refusal after all were tried. */
    public void addAddresses(List<IfAddress> addresses) throws NetlinkException {
        List<NlRequest> requests = addresses.stream()
                .map(a -> NlRequest.of("RTM_NEWADDR", RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, RtnlCodec.address(a)))
                .toList();
        socket.execute(requests);
        log.info("added addresses {}", addresses);
    }

    /**
     * Deletes {@code address}; throws NetlinkErrnoException EADDRNOTAVAIL if the interface does not have
     * it. Equivalent to: {@code ip addr del A/P dev X}.
     */
    public void deleteAddress(IfAddress address) throws NetlinkException {
        socket.execute(NlRequest.of("RTM_DELADDR", RTM_DELADDR, 0, RtnlCodec.address(address)));
        log.info("deleted address {}", address);
    }

    /**
     * Makes sure {@code ifindex} has {@code address}/{@code prefix} as a service address
     * ({@link IfAddress#vip}); returns true if it was added, false if it was there already (EEXIST).
     */
    public boolean ensureAddress(int ifindex, InetAddress address, int prefix) throws NetlinkException {
        try {
            addAddress(IfAddress.vip(ifindex, address, prefix));
            return true;
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == Errno.EEXIST) {
                log.debug("address {}/{} already on ifindex {}", address.getHostAddress(), prefix, ifindex);
                return false;
            }
            throw e;
        }
    }

    /**
     * Makes sure {@code ifindex} does not have {@code address}/{@code prefix}; returns true if it was
     * removed, false if it was not there (EADDRNOTAVAIL or ENOENT).
     */
    public boolean removeAddress(int ifindex, InetAddress address, int prefix) throws NetlinkException {
        try {
            deleteAddress(IfAddress.vip(ifindex, address, prefix));
            return true;
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL
                    && (e.errno() == Errno.EADDRNOTAVAIL || e.errno() == Errno.ENOENT)) {
                log.debug("address {}/{} already gone from ifindex {}", address.getHostAddress(), prefix, ifindex);
                return false;
            }
            throw e;
        }
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    private Optional<Link> getLink(byte[] request) throws NetlinkException {
        List<NlMessage> replies;
        try {
            replies = socket.execute(NlRequest.of("RTM_GETLINK", RTM_GETLINK, 0, request));
        } catch (NetlinkErrnoException e) {
            if (e.source() == NetlinkErrnoException.Source.KERNEL && e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
        if (replies.size() != 1) {
            throw new NetlinkProtocolException("RTM_GETLINK", NetlinkException.NO_SEQ, replies.size() + " replies (expected: 1)");
        }
        NlMessage m = replies.get(0);
        return Optional.of(decode("RTM_GETLINK", m, () -> RtnlCodec.link(m)));
    }

    private interface Decoder<T extends @Nullable Object> {
        T decode() throws NetlinkProtocolException;
    }

    private static <T extends @Nullable Object> T decode(String operation, NlMessage m, Decoder<T> decoder)
            throws NetlinkProtocolException {
        try {
            return decoder.decode();
        } catch (NetlinkProtocolException e) {
            throw new NetlinkProtocolException(operation, Integer.toUnsignedLong(m.seq()), e);
        }
    }
}
