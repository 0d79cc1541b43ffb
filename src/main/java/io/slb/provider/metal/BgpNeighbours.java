package io.slb.provider.metal;

import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * BgpNeighbours is what the Metal API says this device's BGP sessions should look like, in the
 * shape a BGP announcer takes: the router id and local AS ({@code customer_ip}, {@code customer_as}),
 * the peers ({@code peer_ips} with {@code peer_as}), the MD5 password if one is enabled, and whether
 * the sessions are multihop.
 */
public record BgpNeighbours(
        String deviceId,
        InetAddress routerId,
        long localAs,
        List<Peer> peers,
        @Nullable String md5Password,
        boolean multihop) {

    public BgpNeighbours {
        peers = List.copyOf(peers);
    }

    /** Peer is one BGP neighbour: its address and AS. */
    public record Peer(InetAddress address, long as) {}

    /** Returns the neighbours without the password, for logs. */
    @Override
    public String toString() {
        return "BgpNeighbours[device=" + deviceId + ", routerId=" + routerId.getHostAddress() + ", localAs=" + localAs
                + ", peers=" + peers + ", md5=" + (md5Password != null) + ", multihop=" + multihop + "]";
    }
}
