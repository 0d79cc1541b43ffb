package io.slb.announce.bgp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * BgpPeersRoute serves {@code GET /bgp/peers}: whether slb has a session with gobgpd and the last known
 * state of every peer, as
 * {@code {"api":"unix:///run/gobgp.sock","connected":true,"peers":[{"address":"10.99.0.2","asn":65530,
 * "state":"ESTABLISHED","routerId":"10.99.0.2","since":"2026-..."}]}}. Thread safe.
 */
public final class BgpPeersRoute {
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

    /** Returns the JSON document this route serves. */
    String render() throws JsonProcessingException {
        ObjectNode out = mapper.createObjectNode();
        out.put("api", announcer.api().toString());
        out.put("connected", announcer.connected());
        announcer.problem().ifPresent(problem -> out.put("problem", problem));
        ArrayNode peers = out.putArray("peers");
        for (BgpPeerStatus peer : announcer.peers()) {
            peers.addObject()
                    .put("address", peer.address())
                    .put("asn", peer.asn())
                    .put("state", peer.state())
                    .put("routerId", peer.routerId())
                    .put("since", peer.since().toString());
        }
        return mapper.writeValueAsString(out);
    }
}
