package io.slb.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * SlbClient sends the requests of the macro benchmarks to one slb API over keep-alive HTTP/1.1
 * connections: create a load balancer, add a backend, list all load balancers. Each call returns a
 * Mono of the reply's status code (and, for a create, the new uuid), reading the whole body. Thread
 * safe; {@link #close} releases the connections.
 */
final class SlbClient implements AutoCloseable {
    private static final String LOCATION_PREFIX = "/loadbalancer/";

    /** Created is a 201 reply's status and the uuid its Location names; uuid is empty otherwise. */
    record Created(int status, String uuid) {}

    private final ConnectionProvider connections;
    private final HttpClient http;

    /**
     * @param maxConnections open at most this many connections
     * @param maxPending     let at most this many requests wait for a connection (bounded; more fail)
     */
    SlbClient(String baseUrl, int maxConnections, int maxPending, Duration responseTimeout) {
        this.connections = ConnectionProvider.builder("slb-bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(maxPending)
                .pendingAcquireTimeout(responseTimeout)
                .build();
        this.http = HttpClient.create(connections)
                .baseUrl(baseUrl)
                .responseTimeout(responseTimeout)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON));
    }

    /** POST /loadbalancer for load balancer number {@code n} (port 80, tcp, rr, an address from IPAM). */
    Mono<Created> create(long n) {
        String body = "{\"name\":\"bench-" + n + "\",\"port\":" + Fixtures.SERVICE_PORT + "}";
        return http.post().uri("/loadbalancer").send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(ignored -> new Created(res.status().code(), uuidOf(res.responseHeaders()
                                .get(HttpHeaderNames.LOCATION, "")))));
    }

    /** POST /loadbalancer/{uuid}/backend with backend number {@code n} (a distinct ip:8080). */
    Mono<Integer> addBackend(String uuid, long n) {
        String body = "{\"ip\":\"" + Fixtures.backend(n).ip().getHostAddress() + "\",\"port\":"
                + Fixtures.BACKEND_PORT + "}";
        return http.post().uri(LOCATION_PREFIX + uuid + "/backend").send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((res, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(ignored -> res.status().code()));
    }

    /** GET /loadbalancers; emits the status once the whole body is read. */
    Mono<Integer> list() {
        return http.get().uri("/loadbalancers")
                .responseSingle((res, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(ignored -> res.status().code()));
    }

    static boolean isSuccess(int status) {
        return status == HttpResponseStatus.OK.code() || status == HttpResponseStatus.CREATED.code();
    }

    private static String uuidOf(String location) {
        int at = location.lastIndexOf(LOCATION_PREFIX);
        return at < 0 ? "" : location.substring(at + LOCATION_PREFIX.length());
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
