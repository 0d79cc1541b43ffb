package io.slb.announce.bgp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.slb.api.sse.LiveEvent;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * BgpPeersRoute serves {@code GET /bgp/peers}: whether slb has a session with gobgpd and the last known
 * state of every peer, as
 * {@code {"api":"unix:///run/gobgp.sock","connected":true,"peers":[{"address":"10.99.0.2","asn":65530,
 * "state":"ESTABLISHED","routerId":"10.99.0.2","since":"2026-..."}]}}. It also supplies the peer state
 * changes as {@code bgp.peer} live events for {@code GET /events}, each with one peer's JSON as data.
 * Thread safe.
 */
public final class BgpPeersRoute {
    /** The SSE event type of a peer state change. */
    public static final String PEER_EVENT = "bgp.peer";

    private final GobgpAnnouncer announcer;
    private final ObjectMapper mapper = new ObjectMapper();

    public BgpPeersRoute(GobgpAnnouncer announcer) {
        this.announcer = announcer;
    }

    /** Handles the request; register it with {@code routes.get("/bgp/peers", route::handle)}. */
    public Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        return res.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.fromCallable(this::render), StandardCharsets.UTF_8)
                .then();
    }

    /** Returns the peer state changes as live events (hot, best effort: see {@link LiveEvent}). */
    public Flux<LiveEvent> peerEvents() {
        return announcer.peerChanges().map(peer -> new LiveEvent(PEER_EVENT, peerJson(peer)));
    }

    /** Returns the JSON document this route serves. */
    String render() throws JsonProcessingException {
        ObjectNode out = mapper.createObjectNode();
        out.put("api", announcer.api().toString());
        out.put("connected", announcer.connected());
        announcer.problem().ifPresent(problem -> out.put("problem", problem));
        ArrayNode peers = out.putArray("peers");
        announcer.peers().forEach(peer -> fill(peers.addObject(), peer));
        return mapper.writeValueAsString(out);
    }

    private String peerJson(BgpPeerStatus peer) {
        return fill(mapper.createObjectNode(), peer).toString();
    }

    private static ObjectNode fill(ObjectNode node, BgpPeerStatus peer) {
        node.put("address", peer.address())
                .put("asn", peer.asn())
                .put("state", peer.state())
                .put("routerId", peer.routerId())
                .put("since", peer.since().toString());
        return peer.problem().isEmpty() ? node : node.put("problem", peer.problem());
    }
}
