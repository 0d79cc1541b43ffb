package io.slb.announce.bgp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.slb.announce.bgp.apipb.Family;
import io.slb.announce.bgp.apipb.IPAddressPrefix;
import io.slb.announce.bgp.apipb.MpReachNLRIAttribute;
import io.slb.announce.bgp.apipb.NextHopAttribute;
import io.slb.announce.bgp.apipb.OriginAttribute;
import io.slb.announce.bgp.apipb.Path;
import io.slb.ipam.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Paths builds the GoBGP path of a VIP and reads VIPs back from paths. A VIP is a host route: /32 for
 * IPv4 (NLRI plus ORIGIN and NEXT_HOP attributes) and /128 for IPv6 (NLRI plus ORIGIN and an
 * MP_REACH_NLRI attribute carrying the next hop, RFC 4760). Pure functions.
 */
final class Paths {
    static final int ORIGIN_IGP = 0;
    static final int IPV4_HOST_BITS = 32;
    static final int IPV6_HOST_BITS = 128;
    static final Family IPV4_UNICAST = Family.newBuilder().setAfi(Family.Afi.AFI_IP).setSafi(Family.Safi.SAFI_UNICAST).build();
    static final Family IPV6_UNICAST = Family.newBuilder().setAfi(Family.Afi.AFI_IP6).setSafi(Family.Safi.SAFI_UNICAST).build();

    private Paths() {}

    /** Returns the address family of {@code vip}. */
    static Family family(InetAddress vip) {
        return vip instanceof Inet4Address ? IPV4_UNICAST : IPV6_UNICAST;
    }

    /**
     * Returns the path that advertises {@code vip} as a host route with origin IGP and {@code nextHop}.
     *
     * @throws IllegalArgumentException if the next hop's family is not the VIP's
     */
    static Path hostRoute(InetAddress vip, InetAddress nextHop) {
        if ((vip instanceof Inet4Address) != (nextHop instanceof Inet4Address)) {
            throw new IllegalArgumentException("nextHop: " + nextHop.getHostAddress() + " (expected: the family of VIP "
                    + vip.getHostAddress() + ")");
        }
        boolean v4 = vip instanceof Inet4Address;
        Any nlri = Any.pack(IPAddressPrefix.newBuilder()
                .setPrefix(vip.getHostAddress())
                .setPrefixLen(v4 ? IPV4_HOST_BITS : IPV6_HOST_BITS)
                .build());
        Any origin = Any.pack(OriginAttribute.newBuilder().setOrigin(ORIGIN_IGP).build());
        Any hop = v4
                ? Any.pack(NextHopAttribute.newBuilder().setNextHop(nextHop.getHostAddress()).build())
                : Any.pack(MpReachNLRIAttribute.newBuilder()
                        .setFamily(IPV6_UNICAST)
                        .addNextHops(nextHop.getHostAddress())
                        .addNlris(nlri)
                        .build());
        return Path.newBuilder()
                .setFamily(family(vip))
                .setNlri(nlri)
                .addPattrs(origin)
                .addPattrs(hop)
                .build();
    }

    /** Returns the VIP a path advertises, or empty if it is not a host route of an IP unicast family. */
    static Optional<InetAddress> hostOf(Path path) {
        if (!path.getNlri().is(IPAddressPrefix.class)) {
            return Optional.empty();
        }
        try {
            IPAddressPrefix prefix = path.getNlri().unpack(IPAddressPrefix.class);
            InetAddress address = IpAddresses.parse(prefix.getPrefix());
            int hostBits = address instanceof Inet4Address ? IPV4_HOST_BITS : IPV6_HOST_BITS;
            return prefix.getPrefixLen() == hostBits ? Optional.of(address) : Optional.empty();
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns whether gobgpd originated {@code path} itself (added over the API) rather than learned it
     * from a peer: local paths carry no neighbour address (gobgpd writes {@code <nil>} or nothing).
     */
    static boolean isLocal(Path path) {
        String neighbor = path.getNeighborIp();
        return neighbor.isEmpty() || "<nil>".equals(neighbor);
    }
}
