package io.slb.provider.metal;

import io.slb.ipam.IpAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Mono;

/**
 * NeighbourDiscovery finds this device in the Metal project ({@code --metalDeviceId}, or the device
 * whose hostname is this machine's, as the seed matched it) and reads its BGP neighbours. It fails
 * with an {@link IllegalStateException} saying what to do when the device is not found or has no
 * neighbours. Thread safe.
 */
public final class NeighbourDiscovery {
    private static final Logger LOG = LogManager.getLogger();
    private static final int IPV4 = 4;

    private final MetalClient client;

    public NeighbourDiscovery(MetalClient client) {
        this.client = client;
    }

    /** Emits this device's BGP neighbours. */
    public Mono<BgpNeighbours> discover() {
        MetalOptions options = client.options();
        Mono<String> device = options.deviceId() != null ? Mono.just(options.deviceId()) : findByHostname(options);
        return device.flatMap(id -> client.bgpNeighbors(id).map(found -> neighbours(id, found)))
                .doOnNext(n -> LOG.info("metal: BGP neighbours of device {}: {}", n.deviceId(), n));
    }

    private Mono<String> findByHostname(MetalOptions options) {
        return client.devices().map(devices -> devices.stream()
                .filter(d -> options.hostname().equals(d.hostname()))
                .map(MetalClient.Device::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no device with hostname " + options.hostname()
                        + " in Equinix Metal project " + options.project() + " (" + devices.size()
                        + " devices); pass --metalDeviceId")));
    }

    static BgpNeighbours neighbours(String deviceId, List<MetalClient.BgpNeighbor> found) {
        MetalClient.BgpNeighbor first = found.stream().filter(n -> n.addressFamily() == IPV4 && n.customerIp() != null)
                .findFirst().orElse(null);
        if (first == null || first.customerIp() == null) {
            throw new IllegalStateException("device " + deviceId + " has no BGP neighbours; ensure BGP is enabled"
                    + " for this device (and the project)");
        }
        List<BgpNeighbours.Peer> peers = new ArrayList<>();
        for (MetalClient.BgpNeighbor n : found) {
            for (String ip : n.peerIps() == null ? List.<String>of() : n.peerIps()) {
                peers.add(new BgpNeighbours.Peer(IpAddresses.parse(ip), n.peerAs()));
            }
        }
        if (peers.isEmpty()) {
            throw new IllegalStateException("device " + deviceId + " has no BGP peer addresses; ensure BGP is enabled"
                    + " for this device");
        }
        InetAddress routerId = IpAddresses.parse(first.customerIp());
        return new BgpNeighbours(deviceId, routerId, first.customerAs(), peers,
                first.md5Enabled() ? first.md5Password() : null, first.multihop());
    }
}
