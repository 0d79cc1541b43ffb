package io.slb.announce.arp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * NeighborAdvertiser is what one announcement round sends for a VIP: gratuitous ARP for IPv4, an
 * unsolicited neighbour advertisement for IPv6. The announcer's send loop is written once against it.
 */
sealed interface NeighborAdvertiser {
    /** Returns the announced address. */
    InetAddress vip();

    /** Returns the Ethernet frames of one round, sent in order from an adapter whose MAC is {@code mac}. */
    List<byte[]> frames(MacAddress mac);

    /** Returns the advertiser for {@code vip}'s family. */
    static NeighborAdvertiser of(InetAddress vip) {
        if (vip instanceof Inet4Address v4) {
            return new GratuitousArp(v4);
        }
        if (vip instanceof Inet6Address v6) {
            return new UnsolicitedAdvert(v6);
        }
        throw new IllegalArgumentException("vip: " + vip + " (expected: IPv4 or IPv6)");
    }

    /**
     * GratuitousArp sends both forms arping knows, {@code -U} (request) then {@code -A} (reply), as
     * MetalLB issue #172 settled on: stacks that heed only one of them (replies only, or requests
     * only with {@code arp_accept=1}, and non-Linux stacks implementing RFC 5227 §3 selectively)
     * all update.
     */
    record GratuitousArp(Inet4Address vip) implements NeighborAdvertiser {
        @Override
        public List<byte[]> frames(MacAddress mac) {
            return List.of(ArpPacket.unsolicitedRequest(mac, vip).frame(), ArpPacket.unsolicitedReply(mac, vip).frame());
        }
    }

    /** UnsolicitedAdvert sends one unsolicited neighbour advertisement with the Override flag. */
    record UnsolicitedAdvert(Inet6Address vip) implements NeighborAdvertiser {
        @Override
        public List<byte[]> frames(MacAddress mac) {
            NeighborAdvert advert = NeighborAdvert.unsolicited(mac, vip);
            return List.of(advert.frame(mac));
        }
    }
}
