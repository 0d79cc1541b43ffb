package io.slb.announce.arp;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slb.testing.NetworkNamespace;
import io.slb.testing.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * VethSegment is a two-host Ethernet segment for root tests: namespaces "slb" and "peer" (random
 * names) joined by a veth pair, {@code slb0} in one and {@code peer0} in the other, both up, with
 * 198.18.0.1/24 and 198.18.0.2/24 (RFC 2544 benchmarking space) and 2001:db8::1/64 and ::2/64
 * (RFC 3849 documentation space, no DAD). Nothing touches the host's own interfaces; {@link #close}
 * deletes both namespaces, which deletes the veth.
 */
final class VethSegment implements AutoCloseable {
    static final String SLB_IF = "slb0";
    static final String PEER_IF = "peer0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LINK_UP = Duration.ofSeconds(10);

    final NetworkNamespace slb;
    final NetworkNamespace peer;

    private VethSegment(NetworkNamespace slb, NetworkNamespace peer) {
        this.slb = slb;
        this.peer = peer;
    }

    static VethSegment create() {
        NetworkNamespace slb = NetworkNamespace.create("slbarp");
        NetworkNamespace peer;
        try {
            peer = NetworkNamespace.create("slbpeer");
        } catch (RuntimeException | Error e) {
            slb.close();
            throw e;
        }
        VethSegment segment = new VethSegment(slb, peer);
        try {
            Shell.check("ip", "link", "add", SLB_IF, "netns", slb.name(), "type", "veth", "peer", "name", PEER_IF,
                    "netns", peer.name());
            segment.up(slb, SLB_IF, "1");
            segment.up(peer, PEER_IF, "2");
            segment.awaitTransmitting(slb, SLB_IF);
            segment.awaitTransmitting(peer, PEER_IF);
            return segment;
        } catch (RuntimeException | Error e) {
            segment.close();
            throw e;
        }
    }

    private void up(NetworkNamespace ns, String dev, String host) {
        ns.exec("ip", "addr", "add", "198.18.0." + host + "/24", "dev", dev);
        ns.exec("ip", "addr", "add", "2001:db8::" + host + "/64", "dev", dev, "nodad");
        ns.exec("ip", "link", "set", dev, "up");
    }

    /**
     * Waits until {@code dev} is UP with its real queueing discipline: until linkwatch (which may wait
     * up to a second) sees the carrier, the device sits on {@code noop}, which drops every frame
     * while AF_PACKET's sendto still reports success.
     */
    private void awaitTransmitting(NetworkNamespace ns, String dev) {
        await().atMost(LINK_UP).until(() -> {
            JsonNode link = json(ns.exec("ip", "-j", "link", "show", "dev", dev)).get(0);
            return "UP".equals(link.path("operstate").asText()) && !"noop".equals(link.path("qdisc").asText());
        });
    }

    /** Returns the MAC of {@code slb0} as {@code ip link} reports it. */
    String slbMac() {
        return json(slb.exec("ip", "-j", "link", "show", "dev", SLB_IF)).get(0).get("address").asText();
    }

    /** Makes the peer hold a STALE neighbour entry for {@code ip} with {@code mac}, as after old traffic. */
    void seedPeerNeighbour(String ip, String mac) {
        peer.exec("ip", "neigh", "replace", ip, "lladdr", mac, "dev", PEER_IF, "nud", "stale");
    }

    /** Returns the link-layer address the peer's neighbour table holds for {@code ip}, if any. */
    Optional<String> peerNeighbour(String ip) {
        for (JsonNode entry : json(peer.exec("ip", "-j", "neigh", "show", "to", ip, "dev", PEER_IF))) {
            if (entry.hasNonNull("lladdr")) {
                return Optional.of(entry.get("lladdr").asText());
            }
        }
        return Optional.empty();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.isBlank() ? "[]" : text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        try {
            peer.close();
        } finally {
            slb.close();
        }
    }
}
