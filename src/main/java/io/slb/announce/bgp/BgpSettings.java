package io.slb.announce.bgp;

import io.slb.ipam.AddressPools;
import io.slb.ipam.AddressRange;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * BgpSettings is the parsed {@code --bgp*} flags of {@code slb server --bgp}.
 *
 * @param api        where gobgpd's gRPC API listens
 * @param asn        the local AS, 1..4294967295
 * @param routerId   the BGP router id
 * @param listenPort gobgpd's BGP port: 1..65535, or -1 for none (slb only dials out)
 * @param peers      the neighbours, distinct by address
 * @param nextHop4   the next hop of IPv4 VIPs ({@code 0.0.0.0}: gobgpd puts the session's local address)
 * @param nextHop6   the next hop of IPv6 VIPs ({@code ::}: gobgpd puts the session's local address)
 * @param gobgpd     the gobgpd binary slb launches and supervises, or null if gobgpd runs on its own
 */
public record BgpSettings(BgpApiTarget api, long asn, Inet4Address routerId, int listenPort, List<BgpPeer> peers,
                          InetAddress nextHop4, InetAddress nextHop6, @Nullable Path gobgpd) {
    /** The seed's local AS (a private one, RFC 6996). */
    public static final long DEFAULT_ASN = 65000;
    public static final int BGP_PORT = 179;
    /** gobgpd's StartBgp value for "open no BGP listener". */
    public static final int NO_LISTENER = -1;
    static final long MAX_ASN = 0xFFFF_FFFFL;

    public BgpSettings {
        Objects.requireNonNull(api, "api");
        requireAsn("bgpAs", asn);
        if (listenPort != NO_LISTENER && (listenPort < 1 || listenPort > 65535)) {
            throw new IllegalArgumentException("bgpListenPort: " + listenPort + " (expected: 1..65535, or -1 for none)");
        }
        peers = List.copyOf(peers);
        Set<InetAddress> seen = new HashSet<>();
        for (BgpPeer peer : peers) {
            if (!seen.add(peer.address())) {
                throw new IllegalArgumentException("bgpPeer: " + peer.address().getHostAddress()
                        + " given twice (expected: one --bgpPeer per neighbour)");
            }
        }
        if (!(nextHop4 instanceof Inet4Address) || !(nextHop6 instanceof Inet6Address)) {
            throw new IllegalArgumentException("bgpNextHop: " + nextHop4 + ", " + nextHop6
                    + " (expected: one IPv4 and one IPv6 next hop)");
        }
    }

    /**
     * Builds the settings from flag text.
     *
     * @param nextHops at most one IPv4 and one IPv6 address; a missing one defaults to the unspecified address
     * @throws IllegalArgumentException naming the flag and the expected form
     */
    public static BgpSettings fromFlags(String api, String asn, @Nullable String routerId, int listenPort,
                                        List<String> peers, List<String> nextHops, @Nullable Path gobgpd) {
        if (routerId == null) {
            throw new IllegalArgumentException("bgpRouterId: missing (expected: an IPv4 address, usually this host's)");
        }
        InetAddress id = Addresses.literal("bgpRouterId", routerId);
        if (!(id instanceof Inet4Address id4)) {
            throw new IllegalArgumentException("bgpRouterId: '" + routerId + "' (expected: an IPv4 address)");
        }
        InetAddress v4 = null;
        InetAddress v6 = null;
        for (String text : nextHops) {
            InetAddress hop = Addresses.literal("bgpNextHop", text);
            if (hop instanceof Inet4Address ? v4 != null : v6 != null) {
                throw new IllegalArgumentException("bgpNextHop: '" + text
                        + "' is a second next hop of its family (expected: at most one IPv4 and one IPv6)");
            }
            if (hop instanceof Inet4Address) {
                v4 = hop;
            } else {
                v6 = hop;
            }
        }
        return new BgpSettings(BgpApiTarget.parse(api), parseAsn("bgpAs", asn), id4, listenPort,
                peers.stream().map(BgpPeer::parse).toList(),
                v4 == null ? Addresses.literal("bgpNextHop", "0.0.0.0") : v4,
                v6 == null ? Addresses.literal("bgpNextHop", "::") : v6, gobgpd);
    }

    /**
     * Returns these settings with the identity and neighbours someone else told us (Equinix Metal's
     * neighbour data): local AS, router id and peers replace what the flags said.
     */
    public BgpSettings withNeighbours(long localAs, Inet4Address newRouterId, List<BgpPeer> newPeers) {
        requireAsn("localAs", localAs);
        return new BgpSettings(api, localAs, newRouterId, listenPort, newPeers, nextHop4, nextHop6, gobgpd);
    }

    /**
     * Checks that every VIP the pools can hand out gets a next hop the router accepts. gobgpd fills in an
     * unspecified next hop with the session's local address, which exists only in the session's own family:
     * an IPv6 route on an IPv4 session with next hop {@code ::} never reaches the router (checked against
     * bird 2.0.12 with gobgpd 3.10), and the reverse holds for IPv4 on IPv6 sessions. So a family the pools
     * hold needs an explicit {@code --bgpNextHop} when any peer is of the other family.
     *
     * @throws IllegalArgumentException naming the family, the pool and the peer
     */
    public void requireNextHopsFor(AddressPools pools) {
        for (AddressRange range : pools.ranges()) {
            InetAddress hop = nextHop(range.first());
            boolean v4 = range.first() instanceof Inet4Address;
            BgpPeer other = hop.isAnyLocalAddress() ? peers.stream()
                    .filter(p -> (p.address() instanceof Inet4Address) != v4).findFirst().orElse(null) : null;
            if (other != null) {
                String family = v4 ? "IPv4" : "IPv6";
                throw new IllegalArgumentException("bgpNextHop: none for " + family + " but --ipamRange has " + range
                        + " and peer " + other.address().getHostAddress() + " is not " + family + ", so gobgpd has no "
                        + family + " address to put as next hop (expected: --bgpNextHop with this host's " + family
                        + " address on the peering link)");
            }
        }
    }

    /** Returns the next hop of {@code vip}'s family. */
    public InetAddress nextHop(InetAddress vip) {
        return vip instanceof Inet4Address ? nextHop4 : nextHop6;
    }

    static long parseAsn(String field, String text) {
        try {
            long asn = Long.parseLong(text);
            requireAsn(field, asn);
            return asn;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' (expected: an AS number, 1.." + MAX_ASN + ")", e);
        }
    }

    static void requireAsn(String field, long asn) {
        if (asn < 1 || asn > MAX_ASN) {
            throw new IllegalArgumentException(field + ": " + asn + " (expected: 1.." + MAX_ASN + ")");
        }
    }
}
