package io.slb.announce.bgp;

import io.slb.announce.bgp.apipb.AfiSafi;
import io.slb.announce.bgp.apipb.AfiSafiConfig;
import io.slb.announce.bgp.apipb.EbgpMultihop;
import io.slb.announce.bgp.apipb.Peer;
import io.slb.announce.bgp.apipb.PeerConf;
import io.slb.announce.bgp.apipb.PeerState;
import io.slb.announce.bgp.apipb.WatchEventResponse;
import io.slb.ipam.IpAddresses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * PeerStates tracks the session state of the configured peers from gobgpd's peer events, logs the
 * transitions the way the seed did ("Peer Up") and publishes them. Peers gobgpd reports that are not
 * configured (added by hand) are tracked too. Thread safe: {@link #record} and {@link #unknownAll} are
 * called from the supervisor only; readers take a snapshot.
 */
final class PeerStates {
    private static final Logger LOG = LogManager.getLogger();
    private static final String NO_ROUTER_ID = "<nil>";
    private static final String NO_PROBLEM = "";
    /** A refusing router retries every few seconds (bird: 1-4 s); warn on the first refusal and then every Nth. */
    private static final int WARN_EVERY_N_REFUSALS = 10;

    private final Clock clock;
    /** NB: guarded by this; keyed by canonical address text, in --bgpPeer order. */
    private final Map<String, BgpPeerStatus> states = new LinkedHashMap<>();
    /** NB: guarded by this; sessions refused in a row per peer, cleared once one is established. */
    private final Map<String, Integer> refusals = new HashMap<>();
    private final Sinks.Many<BgpPeerStatus> changes = Sinks.many().multicast().directBestEffort();

    PeerStates(List<BgpPeer> configured, Clock clock) {
        this.clock = clock;
        for (BgpPeer peer : configured) {
            String key = key(peer.address().getHostAddress());
            states.put(key, new BgpPeerStatus(key, peer.asn(), BgpPeerStatus.UNKNOWN, "", clock.instant(), NO_PROBLEM));
        }
    }

    /** Returns the canonical text of an address gobgpd or a flag wrote, so both compare equal. */
    static String key(String address) {
        try {
            return IpAddresses.parse(address).getHostAddress();
        } catch (IllegalArgumentException e) {
            return address;
        }
    }

    /** Returns the AddPeer message for a configured peer. */
    static Peer toPeer(BgpPeer peer) {
        PeerConf.Builder conf = PeerConf.newBuilder()
                .setNeighborAddress(peer.address().getHostAddress())
                .setPeerAsn((int) peer.asn());
        if (peer.password() != null) {
            conf.setAuthPassword(peer.password());
        }
        // NB: both families on every session: gobgpd would offer an IPv4 neighbour only ipv4-unicast.
        Peer.Builder out = Peer.newBuilder().setConf(conf)
                .addAfiSafis(AfiSafi.newBuilder().setConfig(AfiSafiConfig.newBuilder().setFamily(Paths.IPV4_UNICAST).setEnabled(true)))
                .addAfiSafis(AfiSafi.newBuilder().setConfig(AfiSafiConfig.newBuilder().setFamily(Paths.IPV6_UNICAST).setEnabled(true)));
        if (peer.multihop()) {
            out.setEbgpMultihop(EbgpMultihop.newBuilder().setEnabled(true).setMultihopTtl(BgpPeer.MULTIHOP_TTL));
        }
        return out.build();
    }

    synchronized List<BgpPeerStatus> all() {
        return List.copyOf(states.values());
    }

    Flux<BgpPeerStatus> changes() {
        return changes.asFlux();
    }

    /** Records one peer event from gobgpd; INIT and STATE events carry a state, END_OF_INIT does not. */
    void record(WatchEventResponse.PeerEvent event) {
        if (event.getType() == WatchEventResponse.PeerEvent.Type.END_OF_INIT || !event.getPeer().hasState()) {
            return;
        }
        PeerState state = event.getPeer().getState();
        String address = key(state.getNeighborAddress().isEmpty()
                ? event.getPeer().getConf().getNeighborAddress() : state.getNeighborAddress());
        long asn = Integer.toUnsignedLong(state.getPeerAsn() != 0 ? state.getPeerAsn() : event.getPeer().getConf().getPeerAsn());
        String routerId = NO_ROUTER_ID.equals(state.getRouterId()) ? "" : state.getRouterId();
        update(new BgpPeerStatus(address, asn, state.getSessionState().name(), routerId, clock.instant(), NO_PROBLEM));
    }

    private static final String OPEN_MISMATCH = "one side rejected the other's OPEN message; check the AS numbers"
            + " (--bgpAs and --bgpPeer here, the neighbor's configuration at the router) and router ids";

    private static String refusedProblem(BgpPeerStatus before, int times) {
        return "refused during " + before.state() + " (" + times + " in a row): " + OPEN_MISMATCH;
    }

    /** Marks every peer UNKNOWN: gobgpd is gone, so nothing is known about its sessions. */
    void unknownAll() {
        List<BgpPeerStatus> now;
        synchronized (this) {
            now = new ArrayList<>(states.values());
        }
        now.forEach(s -> update(new BgpPeerStatus(s.address(), s.asn(), BgpPeerStatus.UNKNOWN, "", clock.instant(), NO_PROBLEM)));
    }

    private void update(BgpPeerStatus next) {
        BgpPeerStatus before;
        BgpPeerStatus status;
        int refused;
        synchronized (this) {
            before = states.get(next.address());
            if (before != null && before.state().equals(next.state())) {
                return;
            }
            boolean down = !next.established() && !BgpPeerStatus.UNKNOWN.equals(next.state());
            boolean refusal = down && before != null && before.opening() && !next.opening();
            if (!down) {
                refusals.remove(next.address());
            }
            refused = refusal ? refusals.merge(next.address(), 1, Integer::sum) : 0;
            // A refused peer keeps its problem while it cycles through the states below ESTABLISHED.
            status = refusal ? next.withProblem(refusedProblem(before, refused))
                    : down && before != null ? next.withProblem(before.problem()) : next;
            states.put(status.address(), status);
        }
        if (refused > 0) {
            if (refused == 1 || refused % WARN_EVERY_N_REFUSALS == 0) {
                LOG.warn("bgp: peer {} AS {} refused the session during {} ({} in a row); now {}: {}", status.address(),
                        status.asn(), before.state(), refused, status.state(), OPEN_MISMATCH);
            }
        } else if (status.established()) {
            LOG.info("bgp: Peer Up {} AS {} router id {}", status.address(), status.asn(), status.routerId());
        } else if (before != null && before.established()) {
            LOG.warn("bgp: Peer Down {} AS {} now {}", status.address(), status.asn(), status.state());
        } else if (status.problem().isEmpty()) {
            LOG.info("bgp: peer {} AS {} {}", status.address(), status.asn(), status.state());
        } else {
            LOG.debug("bgp: refused peer {} AS {} {}", status.address(), status.asn(), status.state());
        }
        changes.tryEmitNext(status);
    }
}
