package io.slb.cli;

import io.slb.announce.bgp.BgpPeer;
import io.slb.announce.bgp.BgpSettings;
import io.slb.provider.metal.BgpNeighbours;
import io.slb.provider.metal.MetalClient;
import io.slb.provider.metal.MetalOptions;
import io.slb.provider.metal.NeighbourDiscovery;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * MetalBgpDiscovery is the seed's layer-3 start-up: with {@code --bgp --equinixMetal} and no peers on
 * the command line, it asks the Metal API for this device's BGP neighbours and turns them into the BGP
 * settings (router id = customer_ip, local AS = customer_as, one peer per peer_ip with peer_as, the
 * MD5 password and multihop when given). Runs once, on the CLI's main thread, before the server starts.
 */
public final class MetalBgpDiscovery {
    private static final Logger LOG = LogManager.getLogger();
    /** Covers the client's own retries (MetalOptions) with room to spare. */
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofMinutes(2);

    private MetalBgpDiscovery() {}

    /**
     * Returns {@code flags} with the neighbours the Metal API reports for this device.
     *
     * @throws IllegalStateException saying what is wrong (no device, no neighbours, API refusal)
     */
    public static BgpSettings discover(MetalOptions metal, BgpSettings flags) {
        LOG.info("Querying BGP settings for [{}]", metal.deviceId() != null ? metal.deviceId() : metal.hostname());
        Scheduler timer = Schedulers.newSingle("slb-metal-discovery");
        try (MetalClient client = new MetalClient(metal, Clock.systemUTC(), timer)) {
            BgpNeighbours found = new NeighbourDiscovery(client).discover().block(DISCOVERY_TIMEOUT);
            if (found == null) {
                throw new IllegalStateException("metal: no answer about this device's BGP neighbours");
            }
            return toSettings(found, flags);
        } finally {
            timer.dispose();
        }
    }

    /** Converts the Metal neighbour data; pure. */
    static BgpSettings toSettings(BgpNeighbours found, BgpSettings flags) {
        if (!(found.routerId() instanceof Inet4Address routerId)) {
            throw new IllegalStateException("metal: customer_ip " + found.routerId().getHostAddress()
                    + " is not IPv4; BGP router ids are IPv4 addresses");
        }
        List<BgpPeer> peers = found.peers().stream()
                .map(p -> new BgpPeer(p.address(), p.as(), found.md5Password(), found.multihop()))
                .toList();
        peers.forEach(p -> LOG.info("Add a peer configuration for:{}", p.address().getHostAddress()));
        return flags.withNeighbours(found.localAs(), routerId, peers);
    }
}
